import QtQuick

// A button a finger can hit: never smaller than the touch target (metrics.py). Its label
// wraps onto more lines (the button grows) rather than being cut, at every text size.
Rectangle {
    id: button
    property alias text: label.text
    property bool primary: false
    property bool touchTarget: true
    property real fontSize: 30
    // The label's font family when it is in another language than the visitor's (a language
    // button names its language in itself): Theme.familyFor(that language).
    property string family: ""
    // What a screen reader says, when the label alone does not say it ("‹" arrows, a number).
    property string accessibleName: label.text
    signal clicked()

    implicitWidth: Math.max(Theme.button * 1.5, label.implicitWidth + Theme.px(56))
    implicitHeight: Math.max(Theme.button, label.height + Theme.px(24))
    radius: Theme.px(14)
    color: tap.pressed ? Theme.cardPressed : (primary ? Theme.accent : Theme.card)
    border.color: Theme.brass
    border.width: primary ? 0 : Theme.px(2)
    opacity: enabled ? 1 : 0.4

    Accessible.role: Accessible.Button
    Accessible.name: button.accessibleName
    Accessible.onPressAction: if (button.enabled) button.clicked()

    Text {
        textFormat: Text.PlainText  // archive text is never markup
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.px(28))
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: Theme.text
        font.family: button.family || Theme.shownFamily(visible)
        font.pixelSize: Theme.chrome(button.fontSize)
        font.bold: true
        Accessible.ignored: true  // the button says it
    }
    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.clicked()
    }
}
