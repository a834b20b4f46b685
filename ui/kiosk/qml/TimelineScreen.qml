import QtQuick

// The campaign, the forty-seven days and what came after, as cards to flick through.
// The strip above shows the 47 days; touching it jumps to that day.
Item {
    id: screen
    readonly property int siegeDays: 47
    readonly property var dayOf: kiosk.timelineInfo.days || []
    readonly property var phaseStart: kiosk.timelineInfo.phaseStart || ({})
    function jumpToDay(day) {
        for (var i = 0; i < dayOf.length; ++i) {
            if (dayOf[i] >= day) { events.positionViewAtIndex(i, ListView.Beginning); return }
        }
    }

    Column {
        id: heading
        x: Theme.margin * 1.5
        y: Theme.margin
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(16)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("Forty-seven days: 23 June – 8 August 1944")
            color: Theme.text
            font.pixelSize: Theme.font(54)
            font.bold: true
            elide: Text.ElideRight
        }
        Row {
            spacing: Theme.px(16)
            BigButton { objectName: "phaseCampaign"; text: qsTr("The campaign before"); onClicked: events.positionViewAtIndex(screen.phaseStart["campaign"] || 0, ListView.Beginning) }
            BigButton { objectName: "phaseSiege"; text: qsTr("The siege"); onClicked: events.positionViewAtIndex(screen.phaseStart["siege"] || 0, ListView.Beginning) }
            BigButton { objectName: "phaseAfter"; text: qsTr("Afterwards"); visible: screen.phaseStart["aftermath"] !== undefined; onClicked: events.positionViewAtIndex(screen.phaseStart["aftermath"], ListView.Beginning) }
        }
        Item {
            id: strip
            objectName: "dayStrip"
            property bool touchTarget: true
            width: parent.width
            height: Math.max(Theme.touch, Theme.px(90))
            Row {
                anchors.fill: parent
                anchors.bottomMargin: Theme.px(30)
                Repeater {
                    model: screen.siegeDays
                    Rectangle {
                        width: strip.width / screen.siegeDays
                        height: parent.height
                        color: screen.dayOf.indexOf(index + 1) >= 0 ? Theme.accent : (index % 2 ? "#3a342d" : "#433c34")
                        border.color: Theme.bg
                        border.width: 1
                    }
                }
            }
            Text { anchors.left: parent.left; anchors.bottom: parent.bottom; text: qsTr("23 June"); color: Theme.muted; font.pixelSize: Theme.font(20) }
            Text { anchors.horizontalCenter: parent.horizontalCenter; anchors.bottom: parent.bottom; text: qsTr("Day %1").arg(24); color: Theme.muted; font.pixelSize: Theme.font(20) }
            Text { anchors.right: parent.right; anchors.bottom: parent.bottom; text: qsTr("8 August"); color: Theme.muted; font.pixelSize: Theme.font(20) }
            TapHandler { onTapped: function (point) { screen.jumpToDay(Math.floor(point.position.x / strip.width * screen.siegeDays) + 1) } }
        }
    }
    ListView {
        id: events
        objectName: "timelineList"
        anchors.top: heading.bottom
        anchors.topMargin: Theme.margin
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        orientation: ListView.Horizontal
        spacing: Theme.px(20)
        clip: true
        model: kiosk.models.timeline
        delegate: Rectangle {
            objectName: "event:" + model.id
            property bool touchTarget: true
            width: Theme.px(440)
            height: events.height
            radius: Theme.px(14)
            color: tap.pressed ? Theme.cardPressed : Theme.card
            border.color: model.phase === "siege" ? Theme.accent : "transparent"
            border.width: Theme.px(3)
            Column {
                anchors.fill: parent
                anchors.margins: Theme.px(22)
                spacing: Theme.px(12)
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.phase === "siege" ? qsTr("Day %1").arg(model.siege_day)
                          : model.phase === "campaign" ? qsTr("Before the siege") : qsTr("Afterwards")
                    color: model.phase === "siege" ? Theme.accent : Theme.muted
                    font.pixelSize: Theme.font(22)
                    font.bold: true
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.date
                    color: Theme.brass
                    font.pixelSize: Theme.font(26)
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.title
                    color: Theme.text
                    font.pixelSize: Theme.font(32)
                    font.bold: true
                    wrapMode: Text.WordWrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    height: parent.height - y
                    text: model.description
                    color: Theme.muted
                    font.pixelSize: Theme.font(22)
                    lineHeight: 1.25
                    wrapMode: Text.WordWrap
                    elide: Text.ElideRight
                }
            }
            TapHandler { id: tap; onTapped: kiosk.openRecord("event", model.id) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            anchors.centerIn: parent
            visible: events.count === 0
            text: qsTr("No dated events yet.")
            color: Theme.muted
            font.pixelSize: Theme.font(32)
        }
    }
}
