import QtQuick
import QtQuick.Controls

// Search with the on-screen keyboard: Chinese by pinyin, English, names, accession numbers.
Item {
    id: screen
    property alias field: field
    property real keyboardHeight: 0  // the InputPanel lives in Main.qml, over every screen
    onVisibleChanged: if (visible) field.forceActiveFocus()

    Column {
        id: top
        x: Theme.margin * 1.5
        y: Theme.margin
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(12)
        TextField {
            id: field
            objectName: "searchField"
            property bool touchTarget: true
            width: parent.width
            height: Math.max(Theme.touch, Theme.px(100))
            font.pixelSize: Theme.font(40)
            color: Theme.ink
            placeholderText: qsTr("Type a name, a place or a word")
            placeholderTextColor: "#8a8070"
            leftPadding: Theme.px(24)
            inputMethodHints: Qt.ImhNoPredictiveText
            maximumLength: 100  // a name, a place or a word (the controller cuts longer ones too)
            background: Rectangle { radius: Theme.px(12); color: Theme.paper; border.color: Theme.brass; border.width: Theme.px(3) }
            onTextChanged: searchDelay.restart()
            onAccepted: kiosk.search(text)
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: kiosk.lang === "zh"
                  ? qsTr("Chinese: type pinyin, for example hengyang, then choose 衡阳 above the keys.")
                  : qsTr("Type English words, names in pinyin such as fang xianjue, or a number such as HY1944.0001.")
            color: Theme.muted
            font.pixelSize: Theme.font(24)
            wrapMode: Text.WordWrap
        }
    }
    Timer {
        id: searchDelay
        interval: 250
        onTriggered: kiosk.search(field.text)
    }
    ListView {
        id: results
        objectName: "searchResults"
        anchors.top: top.bottom
        anchors.topMargin: Theme.px(20)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: screen.keyboardHeight + Theme.px(12)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(12)
        clip: true
        model: kiosk.models.results
        delegate: Rectangle {
            objectName: "hit:" + model.kind + ":" + model.id
            property bool touchTarget: true
            width: results.width
            height: Math.max(Theme.touch * 1.5, row.implicitHeight + Theme.px(24))
            radius: Theme.px(12)
            color: tap.pressed ? Theme.cardPressed : Theme.card
            Row {
                id: row
                anchors.verticalCenter: parent.verticalCenter
                x: Theme.px(16)
                spacing: Theme.px(20)
                ImageBox {
                    width: Theme.touch * 1.3
                    height: width
                    visible: model.kind === "object"
                    source: model.thumb
                    compact: true
                }
                Column {
                    width: results.width - Theme.px(60) - (model.kind === "object" ? Theme.touch * 1.3 + Theme.px(20) : 0)
                    spacing: Theme.px(4)
                    Text {
                        textFormat: Text.PlainText  // archive text is never markup
                        width: parent.width
                        text: {
                            var k = model.kind
                            var kind = k === "object" ? qsTr("Object") : k === "panel" ? qsTr("Panel")
                                     : k === "section" ? qsTr("Part of the exhibition") : k === "person" ? qsTr("Person")
                                     : k === "place" ? qsTr("Place") : qsTr("Event")
                            return kind + "  ·  " + model.title
                        }
                        color: Theme.text
                        font.pixelSize: Theme.font(30)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        text: model.snippetHtml
                        textFormat: Text.StyledText
                        color: Theme.muted
                        font.pixelSize: Theme.font(22)
                        elide: Text.ElideRight
                    }
                }
            }
            TapHandler {
                id: tap
                onTapped: { field.focus = false; kiosk.openRecord(model.kind, model.id) }
            }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            anchors.horizontalCenter: parent.horizontalCenter
            y: Theme.px(30)
            visible: results.count === 0 && kiosk.query.trim() !== ""
            text: qsTr("Nothing found for “%1”.").arg(kiosk.query)
            color: Theme.muted
            font.pixelSize: Theme.font(30)
        }
    }
}
