pragma Singleton
import QtQuick

// Colours and sizes in one place. `u` scales the 1920×1080 design to the window;
// `ts` is the visitor's text size (1, 1.25, 1.5); touch sizes come from metrics.py.
QtObject {
    property real u: 1
    property real ts: 1
    property real touchPx: 58
    property real buttonPx: 87

    readonly property color bg: "#1b1916"
    readonly property color bar: "#14120f"
    readonly property color card: "#2e2a25"
    readonly property color cardPressed: "#453e35"
    readonly property color text: "#f4eee3"
    readonly property color muted: "#c9bfae"
    readonly property color accent: "#a8402c"
    readonly property color brass: "#d4a24c"
    readonly property color paper: "#efe6d2"
    readonly property color ink: "#2b2520"

    readonly property real touch: touchPx * u
    readonly property real button: buttonPx * u
    readonly property real margin: 40 * u

    function px(v) { return v * u }
    function font(v) { return Math.round(v * u * ts) }
}
