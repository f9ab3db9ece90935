package dev.hangtime.export;

/** Escaping for text placed in HTML and SVG (element content and double-quoted attributes). */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate with one decimal: enough for a screen, half the bytes of a full double. */
    static String coordinate(double value) {
        return String.valueOf(Math.round(value * 10.0) / 10.0);
    }
}
