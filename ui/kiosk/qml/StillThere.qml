import QtQuick

// "Still there?": after a while with no touch, a countdown back to the start.
Rectangle {
    id: overlay
    color: "#cc000000"
    readonly property var idle: kiosk.idleWatcher
    MouseArea { anchors.fill: parent; onPressed: overlay.idle.poke() }
    Rectangle {
        anchors.centerIn: parent
        width: Theme.px(1000)
        height: column.implicitHeight + Theme.margin * 2
        radius: Theme.px(20)
        color: Theme.bg
        border.color: Theme.brass
        border.width: Theme.px(3)
        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.px(24)
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Are you still there?")
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(56)
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Touch the screen to keep exploring.")
                color: Theme.muted
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(32)
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Back to the start in %1 s").arg(overlay.idle.remaining)
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(40)
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "keepExploring"
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: qsTr("Keep exploring")
                onClicked: overlay.idle.poke()
            }
        }
    }
}
