package dev.hangtime.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's HTTP parser refuses a request target that climbs above the root
 * ({@code /assets/../../pom.xml}, {@code /%2e%2e/etc/passwd}) or carries a NUL byte with 400,
 * before any route sees it (a backslash in the path likewise, as an illegal path character), and
 * for a target it cannot parse hands the error page a stand-in request ({@code /badMessage}) that
 * no longer says what was asked. The display serves a fixed list of names, and such a target names
 * none of them: it gets the same plain 404 as every other name that is not served, so a client
 * probing for files learns nothing from the status.
 */
final class NotFoundForTraversal extends ErrorHandler {

    /** The path Jetty gives the stand-in request for a message its parser rejected. */
    private static final String PARSER_REJECTION_PATH = "/badMessage";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (code == 400 && (PARSER_REJECTION_PATH.equals(request.getHttpURI().getPath())
                || looksLikeTraversal(request.getHttpURI().asString()))) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("Not found".getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        super.generateResponse(request, response, code, message, cause, callback);
    }

    /** A dot-dot segment or a backslash, plain or percent-encoded: a path reaching for what is not served. */
    static boolean looksLikeTraversal(String target) {
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e%2e") || lower.contains("\\") || lower.contains("%5c");
    }
}
