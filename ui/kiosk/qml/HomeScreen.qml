import QtQuick

// The exhibition's sections, and the three other ways in: timeline, map, search.
// The sections are cards that reflow with the text size (five across at 100 %, fewer when
// larger) in a column that scrolls, and says so, when they no longer fit.
Item {
    id: home
    ScrollArea {
        id: scroller
        objectName: "homeScroll"
        x: Theme.margin * 1.5
        anchors.top: parent.top
        anchors.topMargin: Theme.margin
        width: home.width - Theme.margin * 3
        anchors.bottom: ways.top
        anchors.bottomMargin: Theme.px(16)
        spacing: Theme.px(6)
        bottomPadding: Theme.px(60)
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: qsTr("The Defence of Hengyang")
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(58)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: qsTr("Choose a part of the exhibition")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(30)
            wrapMode: Text.Wrap
        }
        SampleNotice { width: parent.width }
        Item { width: 1; height: Theme.px(14) }
        CardGrid {
            id: sections
            objectName: "sectionList"
            width: parent.width
            minCardWidth: Theme.px(320) * Theme.ts
            model: kiosk.models.sections
            delegate: Rectangle {
                id: card
                objectName: "section:" + model.code
                property bool touchTarget: true
                // Wide cards (large text, few columns) put the picture beside the words, not above them.
                readonly property bool wide: width > Theme.px(720)
                readonly property real naturalHeight: wide
                    ? Math.max(picture.height + Theme.px(24), texts.implicitHeight + Theme.px(14 + 18))
                    : picture.height + texts.implicitHeight + Theme.px(12 + 14 + 18)
                width: sections.cardWidth
                height: sections.cardHeight
                radius: Theme.px(14)
                color: tap.pressed ? Theme.cardPressed : Theme.card
                Accessible.role: Accessible.Button
                Accessible.name: partText.text + ": " + model.title
                Accessible.description: model.lead
                Accessible.onPressAction: kiosk.openSection(model.id)
                ImageBox {
                    id: picture
                    x: Theme.px(12)
                    y: Theme.px(12)
                    width: card.wide ? Math.min(card.width * 0.4, Theme.px(420)) : card.width - Theme.px(24)
                    height: Math.min(width * 9 / 16, Theme.px(230))  // larger text gets the room
                    source: model.image
                }
                Column {
                    id: texts
                    x: card.wide ? picture.x + picture.width + Theme.px(24) : Theme.px(18)
                    y: card.wide ? Theme.px(14) : picture.y + picture.height + Theme.px(14)
                    width: card.width - x - Theme.px(18)
                    spacing: Theme.px(6)
                    Text {
                        id: partText
                        textFormat: Text.PlainText
                        width: parent.width
                        text: qsTr("Part %1").arg(index + 1)
                        color: Theme.brass
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(24)
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        text: model.title
                        color: Theme.text
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.heading(34)
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Text {  // the introduction's first sentence, whole; the section shows the rest
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        visible: text !== ""
                        text: model.lead
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(21)
                        lineHeight: 1.15
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: qsTr("Panels: %1").arg(model.panel_count)
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        wrapMode: Text.Wrap
                    }
                }
                TapHandler { id: tap; onTapped: kiosk.openSection(model.id) }
            }
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            visible: sections.count === 0
            text: qsTr("This exhibition has no sections yet.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(32)
            wrapMode: Text.Wrap
        }
    }
    Row {
        id: ways
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(30)
        x: Theme.margin * 1.5
        spacing: Theme.px(24)
        property real tileWidth: (home.width - Theme.margin * 3 - spacing * 2) / 3
        property real tileHeight: Math.max(Theme.px(100), timelineWay.implicitHeight, mapWay.implicitHeight,
                                           searchWay.implicitHeight)
        BigButton {
            id: timelineWay
            objectName: "homeTimeline"
            width: ways.tileWidth; height: ways.tileHeight
            fontSize: 34
            text: qsTr("The 47 days: timeline")
            onClicked: kiosk.openTimeline()
        }
        BigButton {
            id: mapWay
            objectName: "homeMap"
            width: ways.tileWidth; height: ways.tileHeight
            fontSize: 34
            text: qsTr("Map of the battle")
            onClicked: kiosk.openMap()
        }
        BigButton {
            id: searchWay
            objectName: "homeSearch"
            width: ways.tileWidth; height: ways.tileHeight
            fontSize: 34
            text: qsTr("Search the collection")
            onClicked: kiosk.openSearch()
        }
    }
}
