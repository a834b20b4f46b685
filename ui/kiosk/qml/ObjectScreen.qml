import QtQuick

// One object: its pictures (touch to see them full screen) and everything public about it,
// in a column that scrolls (and says so) at every text size, its sources at the end.
Item {
    id: screen
    readonly property var item: kiosk.objectData
    readonly property var pictures: item.images || []
    property int shown: 0
    onItemChanged: { shown = 0; facts.toTop() }

    Item {
        id: pictureArea
        x: Theme.margin * 1.5
        y: Theme.margin
        // Larger text takes more of the width: the picture gives some up.
        width: screen.width * (Theme.ts >= 1.5 ? 0.36 : 0.46)
        height: screen.height - Theme.margin * 2
        ImageBox {
            id: mainPicture
            objectName: "objectPicture"
            property bool touchTarget: true
            anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
            // The caption takes the lines it needs; the picture the rest.
            height: Math.max(Theme.touch, parent.height - (thumbs.visible ? thumbs.height + Theme.px(16) : 0)
                             - caption.height - Theme.px(26))
            source: screen.pictures.length ? screen.pictures[screen.shown].screen : ""
            Accessible.role: Accessible.Button
            Accessible.name: screen.pictures.length ? qsTr("Show the picture full screen") : qsTr("No picture")
            Accessible.description: caption.text
            Accessible.onPressAction: if (screen.pictures.length) kiosk.openViewer(screen.shown)
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
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(20)
            wrapMode: Text.Wrap
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
                Accessible.role: Accessible.Button
                //: a thumbnail under an object's picture; %1 and %2 are numbers
                Accessible.name: qsTr("Picture %1 of %2").arg(index + 1).arg(screen.pictures.length)
                Accessible.onPressAction: screen.shown = index
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
    ScrollArea {
        id: facts
        objectName: "objectFacts"
        anchors.left: pictureArea.right
        anchors.leftMargin: Theme.margin * 1.5
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin * 1.5
        y: Theme.margin
        height: screen.height - Theme.margin
        bottomPadding: Theme.margin + Theme.px(60)
        spacing: Theme.px(18)
        Text {
            objectName: "objectName"
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: screen.item.name || ""
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(52)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: [screen.item.date, screen.item.accession].filter(function (t) { return t }).join("  ·  ")
            color: Theme.brass
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(28)
            wrapMode: Text.Wrap
        }
        Grid {
            id: factGrid
            // Two columns while a value has room for a dozen characters, else one.
            columns: width >= Theme.font(24) * 26 ? 2 : 1
            columnSpacing: Theme.px(24)
            rowSpacing: Theme.px(10)
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
                    width: (factGrid.width - factGrid.columnSpacing * (factGrid.columns - 1)) / factGrid.columns
                    Text {
                        width: parent.width
                        text: modelData[0]
                        textFormat: Text.PlainText
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        wrapMode: Text.Wrap
                    }
                    Text {
                        width: parent.width
                        text: modelData[1]
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(24)
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
        Text {
            objectName: "objectDescription"
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: screen.item.description || ""
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(28)
            lineHeight: 1.35
            wrapMode: Text.Wrap
        }
        // The inscription as the object bears it: set off by a brass rule and in the paper
        // colour, upright. Chinese has no italic (a slanted Han character is a distortion,
        // not a style), so nothing here is slanted in either language.
        Item {
            id: inscription
            objectName: "objectInscription"
            visible: !!screen.item.inscription
            width: parent.width
            height: visible ? inscriptionColumn.implicitHeight : 0
            Rectangle {
                width: Theme.px(5)
                height: parent.height
                radius: width / 2
                color: Theme.brass
            }
            Column {
                id: inscriptionColumn
                x: Theme.px(24)
                width: parent.width - x
                spacing: Theme.px(6)
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: qsTr("Inscription")
                    color: Theme.brass
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: Theme.font(22)
                    font.bold: true
                    font.letterSpacing: Theme.px(1)
                    wrapMode: Text.Wrap
                }
                Text {
                    objectName: "inscriptionText"
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: screen.item.inscription || ""
                    color: Theme.paper
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: Theme.font(28)
                    font.weight: Font.Medium
                    lineHeight: 1.3
                    wrapMode: Text.Wrap
                }
            }
        }
        DisputeBox { width: parent.width; disputes: screen.item.disputes || [] }
        RelatedLinks { width: parent.width; title: qsTr("People"); links: screen.item.people || [] }
        RelatedLinks { width: parent.width; title: qsTr("Places"); links: screen.item.places || [] }
        RelatedLinks { width: parent.width; title: qsTr("Events"); links: screen.item.events || [] }
        RelatedLinks { width: parent.width; title: qsTr("On the panels"); links: screen.item.panels || [] }
        SourcesDrawer { objectName: "objectSources"; width: parent.width; sources: screen.item.sources || []; scroller: facts }
    }
}
