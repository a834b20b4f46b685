import QtQuick

// A column that scrolls up and down and shows that it continues: while more lies below, its
// bottom edge fades into the ground and an arrow sits there (touching it scrolls on); both go
// at the end. Children are laid out in the column, as wide as the area.
Item {
    id: area
    default property alias content: column.data
    property alias flickable: flick
    property alias spacing: column.spacing
    property color ground: Theme.bg         // what the fade fades into
    property real bottomPadding: Theme.px(24)
    readonly property bool more: hint.visible

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        // Room under the last line, so it can scroll clear of the arrow: only when it scrolls at all.
        contentHeight: column.implicitHeight + (column.implicitHeight > height + 1 ? area.bottomPadding : 0)
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        Behavior on contentY { enabled: hint.stepping; NumberAnimation { duration: 300; easing.type: Easing.OutCubic } }
        Column {
            id: column
            width: flick.width
        }
    }
    ScrollHint {
        id: hint
        objectName: area.objectName ? area.objectName + "More" : "moreBelow"
        flickable: flick
        ground: area.ground
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }
    // Back to the top when what the area shows changes (another object, another panel).
    function toTop() { flick.contentY = 0 }
    // Scroll so that `item` (inside the column) starts near the top, as far as the content allows:
    // what a visitor just opened at the end of the column comes into view.
    function reveal(item) {
        var top = item.mapToItem(column, 0, 0).y
        var end = Math.max(0, flick.contentHeight - flick.height)
        hint.stepping = true
        flick.contentY = Math.max(0, Math.min(end, top - Theme.px(24)))
        hint.settle()
    }
}
