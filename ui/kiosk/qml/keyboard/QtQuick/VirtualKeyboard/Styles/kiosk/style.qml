import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Styles
import "../../../../.."

// The on-screen keyboard in the kiosk's own colours (Theme.qml): keys are the cards' dark brown
// with warm white letters, function keys edged in brass, the candidate bar like a card; no grey.
// Short and wide: four rows in 240 px at the design size (60 px a row, 15 mm keys on the
// gallery's screen), so the search results keep more than half the screen above it.
// Selected with VirtualKeyboardSettings.styleName = "kiosk" (ui/kiosk/app.py adds ../keyboard
// to the QML import path, where the keyboard looks for styles).
KeyboardStyle {
    id: keys
    readonly property real gap: Math.round(5 * scaleHint)      // between keys
    readonly property real letterPx: Math.round(30 * scaleHint)
    readonly property real wordPx: Math.round(24 * scaleHint)

    keyboardDesignWidth: 1600
    keyboardDesignHeight: 256
    keyboardRelativeLeftMargin: 8 / keyboardDesignWidth
    keyboardRelativeRightMargin: 8 / keyboardDesignWidth
    keyboardRelativeTopMargin: 8 / keyboardDesignHeight
    keyboardRelativeBottomMargin: 8 / keyboardDesignHeight

    keyboardBackground: Rectangle {
        color: Theme.bar
        Rectangle { width: parent.width; height: Math.max(1, Math.round(2 * keys.scaleHint)); color: Theme.brass }
    }

    // A key: its letter, or a word for a function key; pressed it lightens, disabled it fades.
    component KeyFace: Rectangle {
        property var key
        property string label: key ? key.displayText : ""
        property bool strong: key ? key.highlighted || key.functionKey : false
        property color textColor: strong ? Theme.brass : Theme.text
        anchors.fill: parent
        anchors.margins: keys.gap
        radius: Math.round(8 * keys.scaleHint)
        color: key && key.pressed ? Theme.cardPressed : Theme.card
        border.color: strong ? Theme.brass : "#4a4239"
        border.width: Math.max(1, Math.round(2 * keys.scaleHint))
        opacity: key && key.enabled ? 1 : 0.45
        Text {
            anchors.centerIn: parent
            width: parent.width - 2 * keys.gap
            horizontalAlignment: Text.AlignHCenter
            text: parent.label
            color: parent.textColor
            font.family: Theme.shownFamily(visible)
            font.pixelSize: text.length > 1 ? keys.wordPx : keys.letterPx
            font.bold: parent.strong
            elide: Text.ElideRight
        }
    }

    keyPanel: KeyPanel {
        id: panel
        KeyFace {
            key: panel.control
            strong: panel.control ? panel.control.functionKey : false
            Text {  // a long press's alternatives, hinted in the corner
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: keys.gap
                visible: panel.control && panel.control.smallTextVisible
                text: panel.control ? panel.control.smallText : ""
                color: Theme.muted
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Math.round(16 * keys.scaleHint)
            }
        }
    }
    backspaceKeyPanel: KeyPanel {
        id: backspace
        KeyFace {
            key: backspace.control
            label: ""
            Canvas {  // the backspace sign: a key pointing left with a cross in it
                anchors.centerIn: parent
                width: Math.round(46 * keys.scaleHint)
                height: Math.round(30 * keys.scaleHint)
                onPaint: {
                    var c = getContext("2d"), w = width, h = height, t = Math.max(2, h / 10)
                    c.reset()
                    c.strokeStyle = Theme.brass
                    c.lineWidth = t
                    c.lineJoin = "round"
                    c.beginPath()
                    c.moveTo(w * 0.3, t); c.lineTo(w - t, t); c.lineTo(w - t, h - t); c.lineTo(w * 0.3, h - t)
                    c.lineTo(t, h / 2); c.closePath(); c.stroke()
                    c.beginPath()
                    c.moveTo(w * 0.5, h * 0.32); c.lineTo(w * 0.74, h * 0.68)
                    c.moveTo(w * 0.74, h * 0.32); c.lineTo(w * 0.5, h * 0.68)
                    c.stroke()
                }
                onWidthChanged: requestPaint()
            }
        }
    }
    languageKeyPanel: KeyPanel {
        id: language
        KeyFace {
            key: language.control
            label: ""
            Row {  // both languages, the one the keys type now in brass
                anchors.centerIn: parent
                spacing: Math.round(6 * keys.scaleHint)
                Text {
                    text: "中"
                    color: InputContext.locale.indexOf("zh") === 0 ? Theme.brass : Theme.muted
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: keys.wordPx
                    font.bold: InputContext.locale.indexOf("zh") === 0
                }
                Text { text: "/"; color: Theme.muted; font.family: Theme.shownFamily(visible); font.pixelSize: keys.wordPx }
                Text {
                    text: "EN"
                    color: InputContext.locale.indexOf("zh") === 0 ? Theme.muted : Theme.brass
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: keys.wordPx
                    font.bold: InputContext.locale.indexOf("zh") !== 0
                }
            }
        }
    }
    enterKeyPanel: KeyPanel {
        id: enter
        KeyFace {
            key: enter.control
            label: qsTr("Search")
            color: enter.control && enter.control.pressed ? Theme.cardPressed : Theme.accent
            border.color: Theme.accent
            strong: false
        }
    }
    hideKeyPanel: KeyPanel {
        id: hide
        KeyFace { key: hide.control; label: qsTr("Hide") }
    }
    shiftKeyPanel: KeyPanel {
        id: shift
        KeyFace { key: shift.control; label: "⇧" }
    }
    spaceKeyPanel: KeyPanel {
        id: space
        KeyFace {
            key: space.control
            strong: false
            textColor: Theme.muted
            label: InputContext.locale.indexOf("zh") === 0 ? qsTr("space (first word)") : qsTr("space")
        }
    }
    symbolKeyPanel: KeyPanel {
        id: symbols
        KeyFace { key: symbols.control }
    }
    modeKeyPanel: KeyPanel {
        id: mode
        KeyFace { key: mode.control }
    }
    handwritingKeyPanel: KeyPanel {
        id: handwriting
        KeyFace { key: handwriting.control }
    }

    // The letter shown large above a pressed key.
    characterPreviewMargin: 0
    characterPreviewDelegate: Item {
        property string text
        Rectangle {
            anchors.fill: parent
            radius: Math.round(8 * keys.scaleHint)
            color: Theme.paper
            border.color: Theme.brass
            border.width: Math.max(1, Math.round(2 * keys.scaleHint))
            Text {
                anchors.centerIn: parent
                text: parent.parent.text
                color: Theme.ink
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Math.round(44 * keys.scaleHint)
            }
        }
    }

    // A long press's alternatives.
    alternateKeysListItemWidth: Math.round(90 * scaleHint)
    alternateKeysListItemHeight: Math.round(110 * scaleHint)
    alternateKeysListDelegate: Item {
        id: alternate
        width: keys.alternateKeysListItemWidth
        height: keys.alternateKeysListItemHeight
        Text {
            anchors.centerIn: parent
            text: model.text
            color: alternate.ListView.isCurrentItem ? Theme.ink : Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: keys.letterPx
        }
    }
    alternateKeysListHighlight: Rectangle { color: Theme.brass; radius: Math.round(8 * keys.scaleHint) }
    alternateKeysListBackground: Rectangle {
        color: Theme.card
        border.color: Theme.brass
        border.width: Math.max(1, Math.round(2 * keys.scaleHint))
        radius: Math.round(8 * keys.scaleHint)
    }

    // The pinyin candidates above the keys: a bar like a card, each word a touch target.
    selectionListHeight: Math.round(60 * scaleHint)
    selectionListDelegate: SelectionListItem {
        id: candidate
        width: Math.max(Math.round(90 * keys.scaleHint), word.implicitWidth + Math.round(48 * keys.scaleHint))
        Text {
            id: word
            anchors.centerIn: parent
            text: display
            color: candidate.ListView.isCurrentItem ? Theme.brass : Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Math.round(32 * keys.scaleHint)
            font.bold: candidate.ListView.isCurrentItem
        }
        Rectangle {
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(1, Math.round(2 * keys.scaleHint))
            height: parent.height * 0.5
            color: "#4a4239"
        }
    }
    selectionListBackground: Rectangle {
        color: Theme.card
        Rectangle { width: parent.width; height: Math.max(1, Math.round(2 * keys.scaleHint)); color: Theme.brass }
    }

    // The longer list of candidates (a long press on the bar) uses the same look.
    popupListDelegate: SelectionListItem {
        id: popupItem
        width: ListView.view ? ListView.view.width : 0
        height: Math.round(60 * keys.scaleHint)
        Text {
            anchors.left: parent.left
            anchors.leftMargin: Math.round(20 * keys.scaleHint)
            anchors.verticalCenter: parent.verticalCenter
            text: display
            color: popupItem.ListView.isCurrentItem ? Theme.brass : Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Math.round(30 * keys.scaleHint)
        }
    }
    popupListHighlight: Rectangle { color: Theme.cardPressed }
    popupListBackground: Rectangle {
        color: Theme.card
        border.color: Theme.brass
        border.width: Math.max(1, Math.round(2 * keys.scaleHint))
    }

    // The language key switches between the two at once: no list to choose from.
    languagePopupListEnabled: false

    navigationHighlight: Rectangle {
        color: "transparent"
        border.color: Theme.brass
        border.width: Math.max(2, Math.round(4 * keys.scaleHint))
    }
}
