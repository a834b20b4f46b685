import QtQuick

// "Accounts differ / 说法不一": where the sources disagree on a figure, a date or what happened,
// each account beside the source that gives it, so a visitor sees the disagreement itself
// rather than a sentence about it. Nothing at all when the record has no dispute.
Rectangle {
    id: box
    property var disputes: []
    visible: disputes.length > 0
    implicitHeight: visible ? column.implicitHeight + Theme.px(28) * 2 : 0
    radius: Theme.px(14)
    color: Theme.note
    border.color: Theme.brass
    border.width: Theme.px(2)

    function cite(reading) {
        var zh = kiosk.lang === "zh"
        var parts = [reading.source_author, reading.source_title, reading.source_year]
        var text = parts.filter(function (t) { return t }).join(zh ? "，" : ", ")
        if (reading.page)
            text += (zh ? "，" : ", ") + qsTr("at %1").arg(reading.page)
        return text
    }

    Column {
        id: column
        x: Theme.px(28)
        y: Theme.px(28)
        width: box.width - Theme.px(56)
        spacing: Theme.px(16)
        Text {
            objectName: "disputesHeading"
            textFormat: Text.PlainText
            width: parent.width
            text: qsTr("Accounts differ")
            color: Theme.brass
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(28)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: qsTr("The sources do not agree here. Each account is given with the source it comes from.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(20)
            wrapMode: Text.Wrap
        }
        Repeater {
            model: box.disputes
            delegate: Column {
                objectName: "dispute:" + modelData.id
                width: column.width
                spacing: Theme.px(10)
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: modelData.topic
                    color: Theme.text
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: Theme.font(24)
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: modelData.readings
                    delegate: Row {
                        id: reading
                        width: column.width
                        spacing: Theme.px(14)
                        Rectangle {  // a rule beside each account: one per source
                            width: Theme.px(4)
                            height: account.height
                            radius: width / 2
                            color: Theme.brass
                        }
                        Column {
                            id: account
                            width: reading.width - Theme.px(18)
                            Text {
                                textFormat: Text.PlainText  // archive text is never markup
                                width: parent.width
                                text: modelData.value
                                color: Theme.text
                                font.family: Theme.shownFamily(visible)
                                font.pixelSize: Theme.font(24)
                                lineHeight: 1.2
                                wrapMode: Text.Wrap
                            }
                            Text {
                                textFormat: Text.PlainText
                                width: parent.width
                                text: box.cite(modelData)
                                color: Theme.muted
                                font.family: Theme.shownFamily(visible)
                                font.pixelSize: Theme.font(20)
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }
    }
}
