package dev.hangtime.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may see and steer the display, decided per request from its headers only (no I/O), so the
 * rules are testable without a server.
 *
 * <ul>
 *   <li>Host must name this server (a loopback name, the bound address, or, on a wildcard bind,
 *       one of the machine's addresses or its host name) with the server's port: this defeats DNS
 *       rebinding, where a hostile page reaches a loopback server under its own name.</li>
 *   <li>Origin, when a browser sends one, must be one of those hosts over http with the port:
 *       this defeats cross-site requests to the control endpoints.</li>
 *   <li>On a non-loopback bind a token is required for everything but {@code /health}: in the
 *       {@code Authorization: Bearer} or {@code X-Hangtime-Token} header, in the HttpOnly cookie the
 *       server sets, or once in the {@code token} query parameter of a page URL (which is then
 *       swapped for the cookie and a redirect, so the token leaves the address bar).</li>
 * </ul>
 */
public final class AccessPolicy {

    /** The cookie that carries the token after the first visit. */
    public static final String TOKEN_COOKIE = "hangtime_token";
    /** The header a non-browser client may use instead of the cookie. */
    public static final String TOKEN_HEADER = "X-Hangtime-Token";
    /** The query parameter of the ready URL printed at start. */
    public static final String TOKEN_QUERY = "token";

    private final Set<String> allowedHosts;
    private final int port;
    private final byte[] token;

    private AccessPolicy(Set<String> allowedHosts, int port, String token) {
        this.allowedHosts = Collections.unmodifiableSet(allowedHosts);
        this.port = port;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The policy for a server bound to {@code bindAddress} on {@code port}.
     *
     * @param token required on every request but {@code /health}; null only for a loopback bind
     * @throws IllegalArgumentException when a non-loopback bind comes without a token
     */
    public static AccessPolicy forBind(String bindAddress, int port, String token) {
        InetAddress bind = resolve(bindAddress);
        if (!bind.isLoopbackAddress() && (token == null || token.isEmpty())) {
            throw new IllegalArgumentException("binding to " + bindAddress + " needs an access token");
        }
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("[::1]");
        hosts.add(hostLiteral(bind));
        if (bind.isAnyLocalAddress()) {
            addMachineNames(hosts);
        }
        return new AccessPolicy(hosts, port, token);
    }

    /** A fresh random token: 128 bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code address} is a loopback address, for which no token is needed. */
    public static boolean isLoopback(String address) {
        return resolve(address).isLoopbackAddress();
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /** The host names a Host header may carry, lower case, without the port. */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** The outcome of {@link #decide}. */
    public enum Decision {
        ALLOW,
        /** Allowed, and the query carried the token: set the cookie and redirect to drop the token from the URL. */
        ALLOW_SET_COOKIE,
        /** 403: the Host header names another server. */
        FORBIDDEN_HOST,
        /** 403: the request comes from a page of another origin. */
        FORBIDDEN_ORIGIN,
        /** 401: a token is required and none (or a wrong one) came. */
        UNAUTHORIZED
    }

    /**
     * Decides one request.
     *
     * @param path          the request path
     * @param host          the Host header, or null
     * @param origin        the Origin header, or null
     * @param authorization the Authorization header, or null
     * @param tokenHeader   the {@value #TOKEN_HEADER} header, or null
     * @param tokenCookie   the {@value #TOKEN_COOKIE} cookie, or null
     * @param tokenQuery    the {@value #TOKEN_QUERY} query parameter, or null
     */
    public Decision decide(String path, String host, String origin, String authorization, String tokenHeader,
                           String tokenCookie, String tokenQuery) {
        if (!hostAllowed(host)) {
            return Decision.FORBIDDEN_HOST;
        }
        if (origin != null && !originAllowed(origin)) {
            return Decision.FORBIDDEN_ORIGIN;
        }
        if (token == null || "/health".equals(path)) {
            return Decision.ALLOW;
        }
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (matches(bearer) || matches(tokenHeader) || matches(tokenCookie)) {
            return Decision.ALLOW;
        }
        if (matches(tokenQuery)) {
            return Decision.ALLOW_SET_COOKIE;
        }
        return Decision.UNAUTHORIZED;
    }

    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        int hostPort;
        int colon = value.lastIndexOf(':');
        if (colon > value.lastIndexOf(']')) {
            name = value.substring(0, colon);
            try {
                hostPort = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            name = value;
            hostPort = 80; // RFC 9110 §7.2: a Host without a port means the scheme's default
        }
        return hostPort == port && allowedHosts.contains(name);
    }

    boolean originAllowed(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        if (!value.startsWith("http://")) {
            return false; // "null" (sandboxed, file:) and any other scheme are not this server
        }
        return hostAllowed(value.substring("http://".length()));
    }

    private boolean matches(String candidate) {
        // constant-time comparison: the token is the only secret here
        return candidate != null && token != null
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to " + address + ": unknown address", e);
        }
    }

    private static String hostLiteral(InetAddress address) {
        String literal = address.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }

    private static void addMachineNames(Set<String> hosts) {
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                for (InetAddress address : Collections.list(interfaces.nextElement().getInetAddresses())) {
                    hosts.add(hostLiteral(address));
                }
            }
        } catch (SocketException e) {
            // the loopback names and the bind address remain; a remote viewer can use an --allow-host name
        }
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            hosts.add(name);
            if (!name.contains(".")) {
                hosts.add(name + ".local"); // mDNS name a tablet on the same network would use
            }
        } catch (UnknownHostException e) {
            // no host name: addresses only
        }
    }

    /** A copy that also accepts {@code extraHosts} (names under which the machine is reached). */
    public AccessPolicy withExtraHosts(Set<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>(allowedHosts);
        for (String extra : extraHosts) {
            hosts.add(extra.toLowerCase(Locale.ROOT));
        }
        return new AccessPolicy(hosts, port, token == null ? null : new String(token, StandardCharsets.UTF_8));
    }

    /** A copy for the port the server really got (when it was asked for port 0). */
    public AccessPolicy withPort(int actualPort) {
        return new AccessPolicy(new LinkedHashSet<>(allowedHosts), actualPort,
                token == null ? null : new String(token, StandardCharsets.UTF_8));
    }
}
