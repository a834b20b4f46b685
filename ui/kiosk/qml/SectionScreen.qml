import QtQuick

// One section: its introduction and its panels, as cards to open. One column that scrolls
// (and says so): the cards reflow with the text size, each with its panel's opening sentence.
Item {
    id: screen
    Connections {
        target: kiosk
        function onSectionChanged() { scroller.toTop() }
    }
    ScrollArea {
        id: scroller
        objectName: "sectionScroll"
        x: Theme.margin * 1.5
        y: Theme.margin
        width: screen.width - Theme.margin * 3
        height: screen.height - Theme.margin
        spacing: Theme.px(12)
        bottomPadding: Theme.margin + Theme.px(60)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: kiosk.section.title || ""
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(60)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            objectName: "sectionIntro"
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: kiosk.section.intro || ""
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(28)
            lineHeight: 1.3
            wrapMode: Text.Wrap
        }
        Item { width: 1; height: Theme.margin - Theme.px(12) }
        CardGrid {
            id: panels
            objectName: "panelCards"
            width: parent.width
            minCardWidth: Theme.px(460) * Theme.ts
            model: kiosk.models.panels
            delegate: Rectangle {
                id: card
                objectName: "panelCard:" + model.code
                property bool touchTarget: true
                // Wide cards (large text, few columns) put the picture beside the words, not above them.
                readonly property bool wide: width > Theme.px(720)
                readonly property real naturalHeight: wide
                    ? Math.max(picture.height + Theme.px(24), texts.implicitHeight + Theme.px(18 + 24))
                    : picture.height + texts.implicitHeight + Theme.px(12 + 18 + 24)
                width: panels.cardWidth
                height: panels.cardHeight
                radius: Theme.px(14)
                color: tap.pressed ? Theme.cardPressed : Theme.card
                Accessible.role: Accessible.Button
                Accessible.name: model.title
                Accessible.description: model.lead
                Accessible.onPressAction: kiosk.openPanel(index)
                ImageBox {
                    id: picture
                    x: Theme.px(12)
                    y: Theme.px(12)
                    width: card.wide ? Math.min(card.width * 0.4, Theme.px(420)) : card.width - Theme.px(24)
                    height: Math.min(width * 9 / 16, Theme.px(330))
                    source: model.image || (model.objects.length ? model.objects[0].image : "")
                    fill: Image.PreserveAspectCrop
                    clip: true
                }
                Column {
                    id: texts
                    x: card.wide ? picture.x + picture.width + Theme.px(24) : Theme.px(18)
                    y: card.wide ? Theme.px(18) : picture.y + picture.height + Theme.px(18)
                    width: card.width - x - Theme.px(18)
                    spacing: Theme.px(8)
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
                    Text {  // the panel's opening sentence, whole; the panel shows the rest
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        visible: text !== ""
                        text: model.lead
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        lineHeight: 1.2
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: qsTr("Objects: %1").arg(model.objects.length)
                        color: Theme.brass
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(22)
                        wrapMode: Text.Wrap
                    }
                }
                TapHandler { id: tap; onTapped: kiosk.openPanel(index) }
            }
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            visible: panels.count === 0
            text: qsTr("The panels of this part are still being prepared.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(32)
        }
    }
}
