import QtQuick

// "Sources / 资料来源": the sources a record cites, behind a handle at the end of its text.
// The visitor's text speaks to the visitor; whoever wants to know where it comes from opens
// the drawer: each source with its author, publisher, year, the pages cited and its address.
// Nothing at all when the record cites no source.
Column {
    id: drawer
    property var sources: []
    property bool open: false
    property Item scroller: null      // the ScrollArea it is in: opening brings the list into view
    visible: sources.length > 0
    spacing: Theme.px(14)
    onSourcesChanged: open = false   // another record: closed again
    onOpenChanged: if (open && scroller) revealLater.restart()
    // Once the list is laid out (the column's height grows a frame later), bring it into view.
    Timer { id: revealLater; interval: 50; onTriggered: drawer.scroller.reveal(drawer) }

    Rectangle {
        id: handle
        objectName: "sourcesHandle"
        property bool touchTarget: true
        width: drawer.width
        height: Math.max(Theme.touch * 1.2, handleText.height + Theme.px(28))
        radius: Theme.px(12)
        color: tap.pressed ? Theme.cardPressed : Theme.card
        border.color: Theme.brass
        border.width: Theme.px(2)
        Accessible.role: Accessible.Button
        Accessible.name: drawer.open ? qsTr("Hide the sources") : handleText.text
        Accessible.onPressAction: drawer.open = !drawer.open
        Text {
            id: handleText
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
            x: Theme.px(22)
            width: parent.width - x - chevron.width - Theme.px(44)
            //: the sources drawer's handle; %1 is how many sources
            text: qsTr("Sources (%1)").arg(drawer.sources.length)
            color: Theme.brass
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(26)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.ignored: true
        }
        Item {  // a chevron: down to open, up to close
            id: chevron
            anchors.right: parent.right
            anchors.rightMargin: Theme.px(26)
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(30); height: Theme.px(14)
            rotation: drawer.open ? 180 : 0
            Rectangle {
                x: parent.width / 2 - width; y: parent.height - height
                width: Theme.px(18); height: Theme.px(4); radius: height / 2
                color: Theme.brass; rotation: 40; transformOrigin: Item.Right
            }
            Rectangle {
                x: parent.width / 2; y: parent.height - height
                width: Theme.px(18); height: Theme.px(4); radius: height / 2
                color: Theme.brass; rotation: -40; transformOrigin: Item.Left
            }
        }
        TapHandler { id: tap; onTapped: drawer.open = !drawer.open }
    }
    Column {
        id: list
        objectName: "sourcesList"
        visible: drawer.open
        width: drawer.width
        spacing: Theme.px(18)
        Repeater {
            model: drawer.sources
            delegate: Row {
                id: entry
                objectName: "source:" + modelData.id
                width: list.width
                spacing: Theme.px(14)
                Text {  // the source's number, as a reference list numbers it
                    id: number
                    textFormat: Text.PlainText
                    text: (index + 1) + "."
                    width: Theme.font(26) * 1.6
                    horizontalAlignment: Text.AlignRight
                    color: Theme.brass
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: Theme.font(24)
                    font.bold: true
                }
                Column {
                    width: entry.width - number.width - entry.spacing
                    spacing: Theme.px(4)
                    Text {
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        text: modelData.title
                        color: Theme.text
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(24)
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        visible: text !== ""
                        text: [modelData.author, modelData.publisher, modelData.year]
                              .filter(function (t) { return t }).join(kiosk.lang === "zh" ? "，" : ", ")
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        visible: text !== ""
                        text: [modelData.kind,
                               modelData.pages.length ? qsTr("cited at %1").arg(modelData.pages.join(kiosk.lang === "zh" ? "；" : "; ")) : ""]
                              .filter(function (t) { return t }).join("  ·  ")
                        color: Theme.brass
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        wrapMode: Text.Wrap
                    }
                    Text {  // an address to look it up at home; the kiosk has no browser
                        textFormat: Text.PlainText
                        width: parent.width
                        visible: text !== ""
                        text: modelData.url
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(20)
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
        }
    }
}
