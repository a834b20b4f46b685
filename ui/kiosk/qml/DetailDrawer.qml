import QtQuick

// A person, place or event, over the right side of whatever screen it was opened from.
Item {
    id: drawer
    readonly property var item: kiosk.detail
    Rectangle {  // the rest of the screen, dimmed: touching it closes the drawer
        anchors.fill: parent
        color: "#99000000"
        MouseArea { anchors.fill: parent; onClicked: kiosk.closeDetail() }
    }
    Rectangle {
        id: sheet
        objectName: "detailSheet"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Math.min(parent.width * 0.46, Theme.px(900))
        color: Theme.bg
        border.color: Theme.brass
        border.width: Theme.px(2)
        MouseArea { anchors.fill: parent }  // touches on the sheet stay on the sheet
        Flickable {
            id: flick
            anchors.fill: parent
            anchors.margins: Theme.margin
            anchors.topMargin: Theme.margin + close.height + Theme.px(10)
            contentHeight: column.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: column
                width: flick.width
                spacing: Theme.px(18)
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: {
                        var k = drawer.item.kind
                        return k === "person" ? qsTr("Person") : k === "place" ? qsTr("Place")
                             : k === "event" ? qsTr("Event") : ""
                    }
                    color: Theme.brass
                    font.pixelSize: Theme.font(24)
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: drawer.item.title || ""
                    color: Theme.text
                    font.pixelSize: Theme.font(46)
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    visible: text !== ""
                    text: drawer.item.subtitle || ""
                    color: Theme.brass
                    font.pixelSize: Theme.font(26)
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: drawer.item.body || ""
                    color: Theme.text
                    font.pixelSize: Theme.font(27)
                    lineHeight: 1.35
                    wrapMode: Text.WordWrap
                }
                RelatedLinks {
                    width: parent.width
                    title: qsTr("Related")
                    links: drawer.item.related || []
                }
            }
        }
        BigButton {
            id: close
            objectName: "closeDetail"
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.px(20)
            text: qsTr("Close")
            onClicked: kiosk.closeDetail()
        }
    }
}
