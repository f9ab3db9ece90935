package dev.hangtime.web;

import static dev.hangtime.web.AccessPolicy.Decision.ALLOW;
import static dev.hangtime.web.AccessPolicy.Decision.ALLOW_SET_COOKIE;
import static dev.hangtime.web.AccessPolicy.Decision.FORBIDDEN_HOST;
import static dev.hangtime.web.AccessPolicy.Decision.FORBIDDEN_ORIGIN;
import static dev.hangtime.web.AccessPolicy.Decision.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy loopback = AccessPolicy.forBind("127.0.0.1", 8080, null);
    private final AccessPolicy lan = AccessPolicy.forBind("0.0.0.0", 8080, "s3cret-token")
            .withExtraHosts(Set.of("table.example"));

    @Test
    void loopbackBindNeedsNoTokenFromALoopbackHost() {
        assertEquals(ALLOW, loopback.decide("/", "127.0.0.1:8080", null, null, null, null, null));
        assertEquals(ALLOW, loopback.decide("/", "localhost:8080", "http://localhost:8080", null, null, null, null));
        assertFalse(loopback.tokenRequired());
    }

    @Test
    void foreignHostIsRefusedSoDnsRebindingCannotReachALoopbackServer() {
        assertEquals(FORBIDDEN_HOST, loopback.decide("/", "attacker.example:8080", null, null, null, null, null));
        assertEquals(FORBIDDEN_HOST, loopback.decide("/", "127.0.0.1:9999", null, null, null, null, null));
        assertEquals(FORBIDDEN_HOST, loopback.decide("/", null, null, null, null, null, null));
        assertEquals(FORBIDDEN_HOST, loopback.decide("/", "127.0.0.1:80x", null, null, null, null, null));
    }

    @Test
    void hostWithoutPortMeansPortEighty() {
        AccessPolicy onEighty = AccessPolicy.forBind("127.0.0.1", 80, null);
        assertEquals(ALLOW, onEighty.decide("/", "localhost", null, null, null, null, null));
        assertEquals(FORBIDDEN_HOST, loopback.decide("/", "localhost", null, null, null, null, null));
    }

    @Test
    void crossSiteOriginIsRefusedEvenWithTheRightHost() {
        assertEquals(FORBIDDEN_ORIGIN,
                loopback.decide("/api/control/stop", "127.0.0.1:8080", "http://evil.example", null, null, null, null));
        assertEquals(FORBIDDEN_ORIGIN,
                loopback.decide("/api/control/stop", "127.0.0.1:8080", "null", null, null, null, null));
        assertEquals(FORBIDDEN_ORIGIN,
                loopback.decide("/api/control/stop", "127.0.0.1:8080", "https://127.0.0.1:8080", null, null, null, null));
    }

    @Test
    void nonLoopbackBindWithoutATokenIsRefusedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessPolicy.forBind("0.0.0.0", 8080, null));
        assertTrue(e.getMessage().contains("needs an access token"), e.getMessage());
    }

    @Test
    void nonLoopbackBindAnswersUnauthorizedWithoutTheToken() {
        assertEquals(UNAUTHORIZED, lan.decide("/", "table.example:8080", null, null, null, null, null));
        assertEquals(UNAUTHORIZED, lan.decide("/events", "table.example:8080", null, null, null, "wrong", null));
        assertEquals(UNAUTHORIZED, lan.decide("/api/control/start", "table.example:8080", "http://table.example:8080",
                "Bearer wrong", null, null, null));
    }

    @Test
    void tokenIsAcceptedFromBearerHeaderCustomHeaderOrCookie() {
        assertEquals(ALLOW, lan.decide("/", "table.example:8080", null, "Bearer s3cret-token", null, null, null));
        assertEquals(ALLOW, lan.decide("/", "table.example:8080", null, null, "s3cret-token", null, null));
        assertEquals(ALLOW, lan.decide("/", "table.example:8080", null, null, null, "s3cret-token", null));
    }

    @Test
    void tokenInTheQueryIsSwappedForACookie() {
        assertEquals(ALLOW_SET_COOKIE, lan.decide("/", "table.example:8080", null, null, null, null, "s3cret-token"));
    }

    @Test
    void healthAnswersWithoutATokenButStillChecksTheHost() {
        assertEquals(ALLOW, lan.decide("/health", "table.example:8080", null, null, null, null, null));
        assertEquals(FORBIDDEN_HOST, lan.decide("/health", "elsewhere.example:8080", null, null, null, null, null));
    }

    @Test
    void wildcardBindAcceptsTheMachinesOwnAddresses() {
        assertTrue(lan.allowedHosts().contains("127.0.0.1"), lan.allowedHosts().toString());
        assertTrue(lan.allowedHosts().contains("table.example"), lan.allowedHosts().toString());
    }

    @Test
    void tokensAreFreshAndUrlSafe() {
        String a = AccessPolicy.newToken();
        String b = AccessPolicy.newToken();
        assertNotEquals(a, b);
        assertTrue(a.matches("[A-Za-z0-9_-]{22}"), a);
    }
}
