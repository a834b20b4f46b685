import QtQuick

// The map's north arrow: north is up (the map is drawn north-up, equirectangular).
Rectangle {
    id: arrow
    width: Math.max(Theme.px(72), letter.implicitWidth + Theme.px(24))
    height: needle.height + letter.implicitHeight + Theme.px(22)
    radius: Theme.px(8)
    color: "#e6f4efe4"
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("North is up")

    Text {
        id: letter
        anchors.horizontalCenter: parent.horizontalCenter
        y: Theme.px(6)
        text: qsTr("N")
        color: Theme.ink
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(24)
        font.bold: true
    }
    Canvas {
        id: needle
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: letter.bottom
        anchors.topMargin: Theme.px(4)
        width: Theme.px(34)
        height: Theme.px(48)
        onPaint: {
            var ctx = getContext("2d")
            ctx.reset()
            ctx.fillStyle = "#2b2520"
            ctx.beginPath()                      // the north half, dark
            ctx.moveTo(width / 2, 0); ctx.lineTo(width, height); ctx.lineTo(width / 2, height * 0.72)
            ctx.closePath(); ctx.fill()
            ctx.fillStyle = "#a8402c"
            ctx.beginPath()
            ctx.moveTo(width / 2, 0); ctx.lineTo(0, height); ctx.lineTo(width / 2, height * 0.72)
            ctx.closePath(); ctx.fill()
        }
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
    }
}
