import QtQuick

// One column of the timeline: a day of the siege ("Day 8 · 30 June"), or a month or a year before
// or after it, with its events as cards, each as tall as what it says. The screen stacks short
// groups one under another (naturalHeight is what one needs); a group taller than the screen
// scrolls within its column. A delegate of the timeline's groups (kiosk.models.timeline).
Item {
    id: column
    objectName: "timelineDay:" + model.key
    readonly property int day: model.day
    readonly property string kind: model.kind
    readonly property var events: model.events || []
    readonly property string phase: model.phase
    readonly property real naturalHeight: header.implicitHeight + Theme.px(12) + list.implicitHeight

    Column {
        id: header
        width: parent.width
        spacing: Theme.px(2)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: column.kind === "day" ? qsTr("Day %1").arg(model.day) : model.label
            color: model.phase === "siege" ? Theme.accentText : Theme.brass
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(34)
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            visible: text !== ""
            text: column.kind === "day" ? model.label
                  : model.phase === "siege" ? qsTr("Day not recorded") : ""
            color: Theme.brass
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(24)
            wrapMode: Text.WordWrap
        }
    }
    // The cards; they scroll only when this day's column alone is taller than the screen holds.
    Flickable {
        id: cards
        objectName: "timelineCards:" + model.key
        anchors.top: header.bottom
        anchors.topMargin: Theme.px(12)
        anchors.bottom: parent.bottom
        width: parent.width
        contentWidth: width
        contentHeight: list.implicitHeight
        interactive: contentHeight > height + 1
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        Column {
            id: list
            width: cards.width
            spacing: Theme.px(14)
            Repeater {
                model: column.events
                delegate: Rectangle {
                    id: card
                    objectName: "event:" + modelData.id
                    property bool touchTarget: true
                    width: list.width
                    height: Math.max(Theme.touch, text.implicitHeight + Theme.px(40))
                    radius: Theme.px(14)
                    color: tap.pressed ? Theme.cardPressed : Theme.card
                    border.color: modelData.phase === "siege" ? Theme.accent : "transparent"
                    border.width: Theme.px(3)
                    Column {
                        id: text
                        x: Theme.px(22)
                        y: Theme.px(20)
                        width: parent.width - Theme.px(44)
                        spacing: Theme.px(8)
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            width: parent.width
                            // The day's column already says the day; a span or a month says itself.
                            visible: column.kind !== "day" || modelData.siege_day_end > modelData.siege_day
                            text: modelData.date
                            color: Theme.brass
                            font.family: Theme.shownFamily(visible)
                            font.pixelSize: Theme.font(22)
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            width: parent.width
                            text: modelData.title
                            color: Theme.text
                            font.family: Theme.shownFamily(visible)
                            font.pixelSize: Theme.font(28)
                            font.bold: true
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            width: parent.width
                            visible: text !== ""
                            text: modelData.description
                            color: Theme.muted
                            font.family: Theme.shownFamily(visible)
                            font.pixelSize: Theme.font(22)
                            lineHeight: 1.3
                            wrapMode: Text.WordWrap
                        }
                    }
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.title
                    TapHandler { id: tap; onTapped: kiosk.openRecord("event", modelData.id) }
                }
            }
        }
    }
    ScrollHint {
        flickable: cards
        ground: Theme.bg
        anchors.left: cards.left
        anchors.right: cards.right
        anchors.bottom: cards.bottom
    }
}
