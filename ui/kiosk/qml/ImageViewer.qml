import QtQuick

// A photograph full screen: pinch to zoom, drag to pan, double-tap to zoom in or out.
// Nothing needs a double tap: the buttons zoom too.
Rectangle {
    id: viewer
    color: "black"
    property var pictures: []
    property int index: 0
    readonly property var picture: pictures.length > index && index >= 0 ? pictures[index] : ({})
    readonly property real zoom: photo.scale
    onIndexChanged: resetZoom()
    onVisibleChanged: resetZoom()

    function resetZoom() {
        photo.scale = 1
        photo.x = 0
        photo.y = 0
    }
    function zoomBy(factor) {
        photo.scale = Math.max(1, Math.min(6, photo.scale * factor))
        if (photo.scale === 1) { photo.x = 0; photo.y = 0 }
    }

    MouseArea { anchors.fill: parent }  // modal: touches never reach the screen below

    Item {
        id: stage
        anchors.fill: parent
        anchors.bottomMargin: Theme.px(150)
        clip: true
        ImageBox {
            id: photo
            objectName: "viewerPhoto"
            width: stage.width
            height: stage.height
            source: viewer.picture.screen || ""
            transformOrigin: Item.Center
            Behavior on scale { enabled: !pinch.active; NumberAnimation { duration: 180 } }
        }
        PinchHandler {
            id: pinch
            objectName: "viewerPinch"
            target: photo
            minimumScale: 1
            maximumScale: 6
            minimumRotation: 0
            maximumRotation: 0
            onActiveChanged: if (!active && photo.scale <= 1.01) viewer.resetZoom()
        }
        DragHandler {
            target: photo
            enabled: photo.scale > 1
            maximumPointCount: 1
        }
        TapHandler {
            onDoubleTapped: photo.scale > 1 ? viewer.resetZoom() : viewer.zoomBy(2.5)
        }
    }
    Text {
        textFormat: Text.PlainText  // archive text is never markup
        anchors.left: parent.left; anchors.leftMargin: Theme.margin
        anchors.right: controls.left; anchors.rightMargin: Theme.margin
        anchors.bottom: parent.bottom; anchors.bottomMargin: Theme.px(30)
        height: Theme.px(90)
        text: viewer.picture.caption || ""
        color: Theme.muted
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(22)
        wrapMode: Text.WordWrap
        verticalAlignment: Text.AlignVCenter
        maximumLineCount: 3
        elide: Text.ElideRight
    }
    Row {
        id: controls
        anchors.right: parent.right; anchors.rightMargin: Theme.margin
        anchors.bottom: parent.bottom; anchors.bottomMargin: Theme.px(30)
        spacing: Theme.px(16)
        BigButton { text: "−"; fontSize: 40; onClicked: viewer.zoomBy(1 / 1.6) }
        BigButton { text: "+"; fontSize: 40; onClicked: viewer.zoomBy(1.6) }
        BigButton {
            visible: viewer.pictures.length > 1
            text: qsTr("‹ Previous")
            enabled: viewer.index > 0
            onClicked: kiosk.openViewer(viewer.index - 1)
        }
        BigButton {
            visible: viewer.pictures.length > 1
            text: qsTr("Next ›")
            enabled: viewer.index < viewer.pictures.length - 1
            onClicked: kiosk.openViewer(viewer.index + 1)
        }
        BigButton {
            objectName: "closeViewer"
            primary: true
            text: qsTr("Close")
            onClicked: kiosk.closeViewer()
        }
    }
}
