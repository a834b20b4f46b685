pragma Singleton
import QtQuick

// Colours and sizes in one place. `u` scales the 1920×1080 design to the window;
// `ts` is the visitor's text size (1, 1.25, 1.5, 2); touch sizes come from metrics.py.
QtObject {
    property real u: 1
    property real ts: 1
    property real touchPx: 58
    property real buttonPx: 87
    // The visitor's language and each language's font family (ui/common/typefaces.py):
    // Chinese takes Noto Sans SC first, so “ ” ‘ ’ —— …… in it are full-width as Chinese
    // sets them; English takes Source Sans 3 first, for its narrow quotes and apostrophes;
    // each falls back to the other (a font substitution: QML's font has no family list).
    // Qt picks the font per character, not by language, so every Text sets
    // `font.family: Theme.shownFamily(visible)` (a text in the other language: familyFor).
    property string lang: "en"
    property var familyNames: ({})
    readonly property string family: familyFor(lang)
    // `family` as a plain value, read without a binding depending on it (see shownFamily).
    readonly property var latest: ({ family: "" })
    onFamilyChanged: latest.family = family
    Component.onCompleted: latest.family = family

    readonly property color bg: "#1b1916"
    readonly property color bar: "#14120f"
    readonly property color card: "#2e2a25"
    readonly property color cardPressed: "#453e35"
    readonly property color text: "#f4eee3"
    readonly property color muted: "#c9bfae"
    readonly property color accent: "#a8402c"       // a fill (primary buttons, markers), never text on dark
    readonly property color accentText: "#f09a84"   // the accent as text on the dark grounds
    readonly property color brass: "#d4a24c"
    readonly property color paper: "#efe6d2"
    readonly property color ink: "#2b2520"
    readonly property color note: "#3a2e1f"         // the "accounts differ" box
    readonly property color dot: "#958a7a"          // page dots and rules that must be seen (3:1)
    readonly property color shade: "#99000000"      // over the screen behind a drawer

    // Every text colour on every ground the screens use, checked against WCAG 2.2 AA by
    // tests/ui/test_kiosk_contrast.py: [text, ground, "normal" (4.5:1) or "large" (3:1,
    // text of 24 px and more, or 18.7 px bold: 18 pt and 14 pt)]; "ui" pairs are non-text
    // contrast (3:1: borders, dots and markers a visitor must see to find a control).
    readonly property var pairs: [
        ["text", "bg", "normal"], ["text", "bar", "normal"], ["text", "card", "normal"],
        ["text", "cardPressed", "normal"], ["text", "accent", "normal"], ["text", "note", "normal"],
        ["muted", "bg", "normal"], ["muted", "bar", "normal"], ["muted", "card", "normal"],
        ["muted", "cardPressed", "normal"], ["muted", "note", "normal"],
        ["brass", "bg", "normal"], ["brass", "bar", "normal"], ["brass", "card", "normal"],
        ["brass", "cardPressed", "normal"], ["brass", "note", "normal"],
        ["accentText", "bg", "normal"], ["accentText", "card", "normal"],
        ["accentText", "cardPressed", "normal"],
        ["paper", "bg", "normal"], ["paper", "card", "normal"], ["paper", "note", "normal"],
        ["ink", "paper", "normal"],
        ["brass", "bg", "ui"], ["brass", "card", "ui"], ["brass", "bar", "ui"],
        ["dot", "bg", "ui"], ["accent", "paper", "ui"]
    ]

    readonly property real touch: touchPx * u
    readonly property real button: buttonPx * u
    readonly property real margin: 40 * u
    // The controls' labels (top bar, buttons) are 26–36 px bold, large text already; they grow
    // with the visitor's text size up to 125 %, so every way out stays on one row at any size.
    readonly property real chromeScale: 1.25
    // Display headings grow with the text size up to 96 px (or their own size, if larger):
    // at 200 % body text is 56 px, and a heading still reads as one above it.
    readonly property real headingMax: 96

    function familyFor(language) { return familyNames[language] || Qt.application.font.family }
    // A text's family: `family` while it is shown; a hidden text keeps the one it has (its
    // binding does not depend on `family` then) and takes the new one when it is shown, as
    // the screens' data catch up (controller.py): a language switch lays out again only what
    // is on screen. Every hidden screen's texts following at once (the timeline alone has
    // about 370) took a switch from ~20 ms to ~120 ms.
    function shownFamily(shown) { return shown ? family : (latest.family || family) }
    function px(v) { return v * u }
    function font(v) { return Math.round(v * u * ts) }
    function heading(v) { return Math.round(u * Math.max(v, Math.min(v * ts, headingMax))) }
    function chrome(v) { return Math.round(v * u * Math.min(ts, chromeScale)) }
}
