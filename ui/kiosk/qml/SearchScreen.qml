import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard.Settings

// Search with the on-screen keyboard: Chinese by pinyin, English, names, accession numbers.
// The results come grouped, objects first, each group under its heading; they keep at least
// half the screen above the keyboard, which is short and wide and in the kiosk's colours
// (its style and layouts are in qml/keyboard).
Item {
    id: screen
    property alias field: field
    property real keyboardHeight: 0  // the InputPanel lives in Main.qml, over every screen
    onVisibleChanged: if (visible) field.forceActiveFocus()
    Component.onCompleted: {
        // The keyboard this screen shows: the kiosk's layouts (no key that does nothing) and style.
        VirtualKeyboardSettings.layoutPath = Qt.resolvedUrl("keyboard/layouts")
        VirtualKeyboardSettings.styleName = "kiosk"
    }

    function kindName(kind) {
        return kind === "object" ? qsTr("Objects") : kind === "panel" ? qsTr("Exhibition panels")
             : kind === "section" ? qsTr("Parts of the exhibition") : kind === "person" ? qsTr("People")
             : kind === "place" ? qsTr("Places") : qsTr("Events")
    }

    TextField {
        id: field
        objectName: "searchField"
        property bool touchTarget: true
        x: Theme.margin * 1.5
        y: Theme.px(18)
        width: screen.width - Theme.margin * 3
        height: Math.max(Theme.touch, Math.round(implicitHeight), Theme.px(76))
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(34)
        color: Theme.ink
        placeholderText: qsTr("Type a name, a place or a word")
        placeholderTextColor: "#6e6456"
        leftPadding: Theme.px(24)
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase  // search ignores case
        maximumLength: 100  // a name, a place or a word (the controller cuts longer ones too)
        background: Rectangle { radius: Theme.px(12); color: Theme.paper; border.color: Theme.brass; border.width: Theme.px(3) }
        Accessible.name: qsTr("Search")
        onTextChanged: searchDelay.restart()
        onAccepted: kiosk.search(text)
    }
    Timer {
        id: searchDelay
        interval: 250
        onTriggered: kiosk.search(field.text)
    }
    ListView {
        id: results
        objectName: "searchResults"
        anchors.top: field.bottom
        anchors.topMargin: Theme.px(12)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: screen.keyboardHeight + Theme.px(8)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(8)
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: kiosk.models.results
        section.property: "kind"
        section.criteria: ViewSection.FullString
        section.delegate: Item {
            objectName: "resultGroup:" + section
            width: results.width
            height: heading.implicitHeight + Theme.px(18)
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                id: heading
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Theme.px(6)
                width: parent.width
                text: {
                    var counts = kiosk.resultGroups[section] || [0, 0]
                    return counts[1] > counts[0]
                           ? qsTr("%1: %2 of %3").arg(screen.kindName(section)).arg(counts[0]).arg(counts[1])
                           : qsTr("%1 (%2)").arg(screen.kindName(section)).arg(counts[0])
                }
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(24)
                font.bold: true
                wrapMode: Text.WordWrap
            }
        }
        delegate: Rectangle {
            objectName: "hit:" + model.kind + ":" + model.id
            property bool touchTarget: true
            width: results.width
            height: Math.max(Theme.touch, row.implicitHeight + Theme.px(20))
            radius: Theme.px(12)
            color: tap.pressed ? Theme.cardPressed : Theme.card
            Row {
                id: row
                anchors.verticalCenter: parent.verticalCenter
                x: Theme.px(16)
                spacing: Theme.px(18)
                ImageBox {
                    width: Theme.touch
                    height: width
                    visible: model.kind === "object"
                    source: model.thumb
                    compact: true
                }
                Column {
                    width: results.width - Theme.px(40) - (model.kind === "object" ? Theme.touch + Theme.px(18) : 0)
                    spacing: Theme.px(2)
                    Text {
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        text: model.title
                        color: Theme.text
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(28)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        visible: text !== ""
                        text: model.snippetHtml
                        textFormat: Text.StyledText  // our own <b> around the matches, the rest escaped
                        color: Theme.muted
                        font.family: Theme.shownFamily(visible)
                        font.pixelSize: Theme.font(21)
                        elide: Text.ElideRight
                    }
                }
            }
            Accessible.role: Accessible.Button
            Accessible.name: screen.kindName(model.kind) + ": " + model.title
            TapHandler {
                id: tap
                onTapped: { field.focus = false; kiosk.openRecord(model.kind, model.id) }
            }
        }
        ScrollHint {
            flickable: results
            ground: Theme.bg
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            objectName: "searchHint"
            anchors.horizontalCenter: parent.horizontalCenter
            y: Theme.px(30)
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: results.count === 0
            text: kiosk.query.trim() !== "" ? qsTr("Nothing found for “%1”.").arg(kiosk.query)
                  : kiosk.lang === "zh"
                    ? qsTr("Chinese: type pinyin, for example hengyang, then choose 衡阳 above the keys.")
                    : qsTr("Type English words, names in pinyin such as fang xianjue, or a number such as HY1944.0001.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(28)
            wrapMode: Text.WordWrap
        }
    }
}
