import QtQuick

// The sign that a scrolling area continues below: a fade at its bottom edge and an arrow
// button. Hidden when everything fits or the visitor has reached the end.
Item {
    id: hint
    property Flickable flickable
    property color ground: Theme.bg
    property bool stepping: false            // true while the arrow's scroll animates
    readonly property real rest: flickable ? flickable.contentHeight - flickable.height - flickable.contentY : 0
    visible: flickable !== null && rest > Theme.px(2)
    height: Theme.px(96)

    Rectangle {  // the fade: the last lines dissolve into the ground, so the cut reads as "more"
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Qt.rgba(hint.ground.r, hint.ground.g, hint.ground.b, 0) }
            GradientStop { position: 0.75; color: Qt.rgba(hint.ground.r, hint.ground.g, hint.ground.b, 0.92) }
            GradientStop { position: 1.0; color: hint.ground }
        }
    }
    Rectangle {
        id: arrow
        objectName: "scrollMore"
        property bool touchTarget: true
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(4)
        width: Theme.touch
        height: Theme.touch
        radius: width / 2
        color: tap.pressed ? Theme.cardPressed : Theme.card
        border.color: Theme.brass
        border.width: Theme.px(2)
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("More below: scroll down")
        Accessible.onPressAction: hint.step()
        // A chevron pointing down, drawn (no glyph a font might lack).
        Item {
            anchors.centerIn: parent
            anchors.verticalCenterOffset: Theme.px(4)
            width: Theme.px(30); height: Theme.px(14)
            Rectangle {
                x: parent.width / 2 - width; y: parent.height - height
                width: Theme.px(18); height: Theme.px(4); radius: height / 2
                color: Theme.brass
                rotation: 40
                transformOrigin: Item.Right
            }
            Rectangle {
                x: parent.width / 2; y: parent.height - height
                width: Theme.px(18); height: Theme.px(4); radius: height / 2
                color: Theme.brass
                rotation: -40
                transformOrigin: Item.Left
            }
        }
        TapHandler {
            id: tap
            // Exclusive: the touch is the arrow's alone, or the link under it would open as well.
            gesturePolicy: TapHandler.WithinBounds
            onTapped: hint.step()
        }
    }
    // Most of a screenful on, keeping a line of what was read in view.
    function step() {
        if (!flickable) return
        stepping = true
        flickable.contentY = Math.min(flickable.contentY + flickable.height * 0.8,
                                      flickable.contentHeight - flickable.height)
        settle()
    }
    function settle() { stepDone.restart() }
    Timer { id: stepDone; interval: 320; onTriggered: hint.stepping = false }
}
