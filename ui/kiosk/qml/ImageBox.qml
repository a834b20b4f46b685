import QtQuick

// A picture fitted into its box, or the placeholder when the file is missing or broken.
Item {
    id: box
    property url source
    property bool compact: false
    property int fill: Image.PreserveAspectFit
    readonly property bool ready: image.status === Image.Ready
    Image {
        id: image
        anchors.fill: parent
        source: box.source
        fillMode: box.fill
        asynchronous: true
        cache: true
        sourceSize.width: Math.max(128, Math.min(1600, Math.round(box.width * 1.2 / 128) * 128))
        visible: status === Image.Ready
    }
    Placeholder {
        anchors.fill: parent
        compact: box.compact || box.height < Theme.px(160)
        visible: box.source.toString() === "" || image.status === Image.Error
    }
}
