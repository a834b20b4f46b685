import QtQuick

// A link to a person, place, event, panel or object: a touch target with a title and a subtitle.
// As wide as its words up to `maxWidth` (its row's width), then the words wrap: never cut.
Rectangle {
    id: chip
    property string title
    property string subtitle
    property bool touchTarget: true
    property real maxWidth: Theme.px(560) * Theme.ts
    signal clicked()

    implicitHeight: Math.max(Theme.touch * 1.2, column.implicitHeight + Theme.px(20))
    implicitWidth: Math.min(maxWidth, Math.max(Theme.touch * 2,
                            Math.max(titleText.implicitWidth, subtitleText.implicitWidth) + Theme.px(40)))
    radius: Theme.px(12)
    color: tap.pressed ? Theme.cardPressed : Theme.card
    border.color: Theme.brass
    border.width: Theme.px(2)

    Accessible.role: Accessible.Button
    Accessible.name: chip.subtitle ? chip.title + ", " + chip.subtitle : chip.title
    Accessible.onPressAction: chip.clicked()

    Column {
        id: column
        anchors.verticalCenter: parent.verticalCenter
        x: Theme.px(20)
        width: chip.width - Theme.px(40)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            id: titleText
            width: parent.width
            text: chip.title
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(26)
            wrapMode: Text.Wrap
            Accessible.ignored: true
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            id: subtitleText
            width: parent.width
            visible: chip.subtitle !== ""
            text: chip.subtitle
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(20)
            wrapMode: Text.Wrap
            Accessible.ignored: true
        }
    }
    TapHandler { id: tap; onTapped: chip.clicked() }
}
