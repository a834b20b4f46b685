import QtQuick

// A heading and the links under it, as chips; nothing at all when there are none.
Column {
    id: related
    property string title
    property var links: []
    visible: links.length > 0
    spacing: Theme.px(10)
    Text {
        textFormat: Text.PlainText  // archive text is never markup
        width: related.width
        text: related.title
        color: Theme.brass
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(26)
        font.bold: true
        wrapMode: Text.Wrap
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Flow {
        width: related.width
        spacing: Theme.px(12)
        Repeater {
            model: related.links
            delegate: Chip {
                objectName: "link:" + modelData.kind + ":" + modelData.id
                maxWidth: related.width
                title: modelData.title
                subtitle: modelData.subtitle
                onClicked: kiosk.openRecord(modelData.kind, modelData.id)
            }
        }
    }
}
