package io.hilbench.report.html;

/** The pages' style sheets (screen and print/PDF). */
final class Styles {
    private Styles() {}

    static final String COMMON = """
            body { font-family: sans-serif; font-size: 10pt; color: #222; }
            h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.2em; } h3 { font-size: 11pt; }
            table { border-collapse: collapse; width: 100%; margin: 0.4em 0; }
            th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
            th { background: #eee; }
            .pass { color: #1a7f37; } tr.pass td:nth-child(5) { color: #1a7f37; font-weight: bold; }
            .fail { color: #c01c28; } tr.fail td { background: #fdecea; }
            .inconclusive { color: #b35c00; } tr.inconclusive td { background: #fff4e0; }
            .error { color: #6f2da8; } tr.error td { background: #f3e8fb; }
            .facts, .note { color: #555; }
            table.verdicts td:first-child, table.index td:nth-child(2) { white-space: nowrap; }
            table.kv { width: auto; } table.kv td:first-child { font-weight: bold; }
            """;

    static final String SCREEN = COMMON + """
            body { max-width: 1200px; margin: 1em auto; }
            img.plot { max-width: 100%; border: 1px solid #ddd; }
            """;

    static final String SCREEN_HANDOVER = """
            body { max-width: 1000px; margin: 1em auto; }
            """;

    static final String PRINT = COMMON + """
            @page { size: A4; margin: 18mm 14mm 18mm 14mm;
                    @bottom-center { content: "page " counter(page) " of " counter(pages); font-size: 8pt; } }
            body { font-size: 9pt; }
            img.plot { width: 100%; }
            .plotblock { page-break-inside: avoid; }
            table.signoff td { height: 22pt; }
            tr { page-break-inside: avoid; }
            """;
}
