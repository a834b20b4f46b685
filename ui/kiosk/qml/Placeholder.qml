import QtQuick

// Shown where a picture is missing: a calm frame, never an empty hole or an error.
Rectangle {
    id: placeholder
    property bool compact: false
    color: "#3a342d"
    border.color: "#5a5045"
    border.width: Theme.px(2)
    radius: Theme.px(8)
    Column {
        anchors.centerIn: parent
        spacing: Theme.px(10)
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(placeholder.width, placeholder.height) * 0.3
            height: width * 0.75
            color: "transparent"
            border.color: Theme.muted
            border.width: Theme.px(3)
            radius: Theme.px(4)
            Rectangle {
                width: parent.width * 0.22; height: width; radius: width / 2
                x: parent.width * 0.62; y: parent.height * 0.18
                color: Theme.muted
            }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            visible: !placeholder.compact
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("No picture yet")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(22)
        }
    }
}
