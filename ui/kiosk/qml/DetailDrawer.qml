import QtQuick

// A person, place or event, over the right side of whatever screen it was opened from.
Item {
    id: drawer
    readonly property var item: kiosk.detail
    onItemChanged: flick.toTop()
    Rectangle {  // the rest of the screen, dimmed: touching it closes the drawer
        anchors.fill: parent
        color: Theme.shade
        // Touching beside the drawer closes it; a screen reader has the Close button for that.
        MouseArea { anchors.fill: parent; onClicked: kiosk.closeDetail(); Accessible.ignored: true }
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
        MouseArea { anchors.fill: parent; Accessible.ignored: true }  // touches on the sheet stay on the sheet
        ScrollArea {
            id: flick
            objectName: "detailScroll"
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            anchors.bottomMargin: Theme.px(2)
            anchors.topMargin: Theme.margin + close.height + Theme.px(10)
            spacing: Theme.px(18)
            bottomPadding: Theme.margin + Theme.px(60)
            Text {
                textFormat: Text.PlainText
                width: parent.width
                text: {
                    var k = drawer.item.kind
                    return k === "person" ? qsTr("Person") : k === "place" ? qsTr("Place")
                         : k === "event" ? qsTr("Event") : ""
                }
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(24)
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "detailTitle"
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                text: drawer.item.title || ""
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.heading(46)
                font.bold: true
                wrapMode: Text.Wrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                visible: text !== ""
                text: drawer.item.subtitle || ""
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(26)
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "detailBody"
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                text: drawer.item.body || ""
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(27)
                lineHeight: 1.35
                wrapMode: Text.Wrap
            }
            DisputeBox { width: parent.width; disputes: drawer.item.disputes || [] }
            RelatedLinks {
                width: parent.width
                title: qsTr("Related")
                links: drawer.item.related || []
            }
            SourcesDrawer {
                objectName: "detailSources"
                width: parent.width
                sources: drawer.item.sources || []
                scroller: flick
            }
        }
        BigButton {
            id: close
            objectName: "closeDetail"
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.px(20)
            text: qsTr("Close")
            accessibleName: qsTr("Close the drawer")
            onClicked: kiosk.closeDetail()
        }
    }
}
