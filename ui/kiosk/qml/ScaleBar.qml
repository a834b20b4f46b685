import QtQuick

// A scale bar for the map: the longest round distance (100 m … 20 km) that fits in about
// 260 design pixels, drawn as two halves, dark and light, with its length beside it. Its size is
// bound to its parts directly (no positioner), so the map's label layout reads it at once.
Rectangle {
    id: bar
    property real pixelsPerKm: 1
    readonly property var steps: [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20]
    readonly property real km: {
        var best = steps[0]
        for (var i = 0; i < steps.length; ++i)
            if (steps[i] * pixelsPerKm <= Theme.px(260)) best = steps[i]
        return best
    }
    readonly property real length: km * pixelsPerKm
    readonly property real pad: Theme.px(12)
    width: pad + length + pad + caption.implicitWidth + pad
    height: Math.max(caption.implicitHeight, Theme.px(16)) + Theme.px(14)
    radius: Theme.px(6)
    color: "#e6f4efe4"
    Accessible.role: Accessible.StaticText
    Accessible.name: caption.text

    Rectangle {
        x: bar.pad; anchors.verticalCenter: parent.verticalCenter
        width: bar.length / 2; height: Theme.px(16)
        color: Theme.ink
    }
    Rectangle {
        x: bar.pad + bar.length / 2; anchors.verticalCenter: parent.verticalCenter
        width: bar.length / 2; height: Theme.px(16)
        color: Theme.paper; border.color: Theme.ink; border.width: Theme.px(2)
    }
    Text {
        id: caption
        x: bar.pad + bar.length + bar.pad
        anchors.verticalCenter: parent.verticalCenter
        text: bar.km < 1 ? qsTr("%1 m").arg(Math.round(bar.km * 1000)) : qsTr("%1 km").arg(bar.km)
        color: Theme.ink
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(20)
        font.bold: true
    }
}
