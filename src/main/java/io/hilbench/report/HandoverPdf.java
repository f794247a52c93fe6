package io.hilbench.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders the handover page (XHTML) to PDF with openhtmltopdf (PDFBox underneath). Images resolve against the report
 * folder. The PDF uses the standard PDF fonts, which cover Windows-1252 only (ø, °, ±, × are in it): the few signs
 * outside it that the verdicts use are spelt out ({@code ≥} as {@code >=}) so no text is lost as a blank glyph.
 */
public final class HandoverPdf {
    public static final String FILE = "handover.pdf";
    private static final Map<Character, String> SPELLED = Map.of('≥', ">=", '≤', "<=", '−', "-", '→', "->", '≈', "~", '≠', "!=", 'Δ', "delta ");

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new Slf4jXrLogger());
    }

    private HandoverPdf() {}

    public static void write(String xhtml, Path baseDir, Path pdf) throws IOException {
        try (OutputStream out = Files.newOutputStream(pdf)) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.withHtmlContent(standardFontsOnly(xhtml), baseDir.toAbsolutePath().toUri().toString());
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // the renderer throws unchecked exceptions for markup and resource problems
            throw new IOException("handover PDF not rendered: " + e, e);
        }
    }

    static String standardFontsOnly(String s) {
        CharsetEncoder cp1252 = Charset.forName("windows-1252").newEncoder();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 || cp1252.canEncode(c)) out.append(c);
            else out.append(SPELLED.getOrDefault(c, "?"));
        }
        return out.toString();
    }
}
