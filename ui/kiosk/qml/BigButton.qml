import QtQuick

// A button a finger can hit: never smaller than the touch target (metrics.py).
Rectangle {
    id: button
    property alias text: label.text
    property bool primary: false
    property bool touchTarget: true
    property real fontSize: 30
    signal clicked()

    implicitWidth: Math.max(Theme.button * 1.5, label.implicitWidth + Theme.px(56))
    implicitHeight: Math.max(Theme.button, label.implicitHeight + Theme.px(24))
    radius: Theme.px(14)
    color: tap.pressed ? Theme.cardPressed : (primary ? Theme.accent : Theme.card)
    border.color: Theme.brass
    border.width: primary ? 0 : Theme.px(2)
    opacity: enabled ? 1 : 0.4

    Text {
        textFormat: Text.PlainText  // archive text is never markup
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.px(20))
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.font(button.fontSize)
        font.bold: true
    }
    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.clicked()
    }
}
