import QtQuick

// One object: its pictures (touch to see them full screen) and everything public about it.
Item {
    id: screen
    readonly property var item: kiosk.objectData
    readonly property var pictures: item.images || []
    property int shown: 0
    onItemChanged: shown = 0

    Item {
        id: pictureArea
        x: Theme.margin * 1.5
        y: Theme.margin
        width: screen.width * 0.46
        height: screen.height - Theme.margin * 2
        ImageBox {
            id: mainPicture
            objectName: "objectPicture"
            property bool touchTarget: true
            anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
            height: parent.height - (thumbs.visible ? thumbs.height + Theme.px(16) : 0) - caption.height - Theme.px(16)
            source: screen.pictures.length ? screen.pictures[screen.shown].screen : ""
            TapHandler { onTapped: if (screen.pictures.length) kiosk.openViewer(screen.shown) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            id: caption
            anchors.top: mainPicture.bottom
            anchors.topMargin: Theme.px(10)
            width: parent.width
            text: screen.pictures.length ? (screen.pictures[screen.shown].caption || "") : ""
            color: Theme.muted
            font.pixelSize: Theme.font(20)
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
        ListView {
            id: thumbs
            anchors.bottom: parent.bottom
            width: parent.width
            height: Theme.touch * 1.6
            visible: screen.pictures.length > 1
            orientation: ListView.Horizontal
            spacing: Theme.px(12)
            model: screen.pictures
            delegate: Rectangle {
                property bool touchTarget: true
                width: thumbs.height; height: thumbs.height
                color: index === screen.shown ? Theme.brass : Theme.card
                ImageBox {
                    anchors.fill: parent
                    anchors.margins: Theme.px(4)
                    source: modelData.thumb
                    compact: true
                }
                TapHandler { onTapped: screen.shown = index }
            }
        }
    }
    Flickable {
        id: facts
        objectName: "objectFacts"
        anchors.left: pictureArea.right
        anchors.leftMargin: Theme.margin * 1.5
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin * 1.5
        y: Theme.margin
        height: screen.height - Theme.margin * 2
        contentHeight: column.implicitHeight + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        Column {
            id: column
            width: facts.width
            spacing: Theme.px(18)
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                text: screen.item.name || ""
                color: Theme.text
                font.pixelSize: Theme.font(52)
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                text: [screen.item.date, screen.item.accession].filter(function (t) { return t }).join("  ·  ")
                color: Theme.brass
                font.pixelSize: Theme.font(28)
                wrapMode: Text.WordWrap
            }
            Grid {
                columns: 2
                columnSpacing: Theme.px(24)
                rowSpacing: Theme.px(8)
                width: parent.width
                Repeater {
                    model: [
                        [qsTr("Category"), screen.item.category],
                        [qsTr("Material"), screen.item.material],
                        [qsTr("Dimensions"), screen.item.dimensions],
                        [qsTr("Weight"), screen.item.weight],
                        [qsTr("Credit"), screen.item.credit]
                    ].filter(function (row) { return row[1] })
                    // The label and the archive's value are separate plain texts: a value is
                    // never read as markup (an <img> in it would be fetched and shown).
                    delegate: Column {
                        width: column.width / 2 - Theme.px(12)
                        Text {
                            width: parent.width
                            text: modelData[0]
                            textFormat: Text.PlainText
                            color: Theme.muted
                            font.pixelSize: Theme.font(24)
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            width: parent.width
                            text: modelData[1]
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.font(24)
                            wrapMode: Text.WordWrap
                            maximumLineCount: 12
                            elide: Text.ElideRight
                        }
                    }
                }
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                text: screen.item.description || ""
                color: Theme.text
                font.pixelSize: Theme.font(28)
                lineHeight: 1.35
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                visible: !!screen.item.inscription
                text: qsTr("Inscription") + ": " + (screen.item.inscription || "")
                color: Theme.muted
                font.pixelSize: Theme.font(24)
                font.italic: true
                wrapMode: Text.WordWrap
            }
            RelatedLinks { width: parent.width; title: qsTr("People"); links: screen.item.people || [] }
            RelatedLinks { width: parent.width; title: qsTr("Places"); links: screen.item.places || [] }
            RelatedLinks { width: parent.width; title: qsTr("Events"); links: screen.item.events || [] }
            RelatedLinks { width: parent.width; title: qsTr("On the panels"); links: screen.item.panels || [] }
        }
    }
}
