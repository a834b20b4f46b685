import QtQuick

// The defence of Hengyang in time. It opens on the siege: a strip of the 47 days (23 June –
// 8 August 1944), every day a tick with its number and dates along it, the days with events
// marked; below, the events day by day, each day a column of cards sized to what they say.
// The campaign before and the aftermath are their own parts, chosen above.
Item {
    id: screen
    property string phase: "siege"
    readonly property var info: kiosk.timelineInfo
    readonly property int siegeDays: kiosk.models.siegeDays.count
    // The siege days whose column shows (the strip marks them): first and last.
    property int firstShown: 0
    property int lastShown: 0

    function has(p) { return info.phaseStart !== undefined && info.phaseStart[p] !== undefined }
    function choose(p) {
        phase = p
        groups.contentX = 0
        layoutGroups()
    }
    // A tap on the strip: the column with that day, or with the next day that has events.
    function jumpToDay(day) {
        for (var d = day; d <= siegeDays; ++d) {
            var g = info.dayGroup[String(d)]
            var block = g !== undefined ? blocks.itemAt(g) : null
            if (block) {
                groups.contentX = Math.max(0, Math.min(block.x, groups.contentWidth - groups.width))
                updateShown()
                return
            }
        }
        groups.contentX = Math.max(0, groups.contentWidth - groups.width)
    }
    function updateShown() {
        var first = 0, last = 0
        for (var i = 0; i < blocks.count; ++i) {
            var item = blocks.itemAt(i)
            if (!item || !item.visible || item.day <= 0 || item.x + item.width <= groups.contentX + 1
                    || item.x >= groups.contentX + groups.width - 1)
                continue
            if (first === 0) first = item.day
            last = item.day
        }
        firstShown = first
        lastShown = last
    }
    Connections {
        target: kiosk
        function onResetDone() { screen.choose("siege") }
        function onSnapshotChanged() { screen.choose("siege") }
    }
    onVisibleChanged: if (visible) scheduleLayout()

    Column {
        id: heading
        x: Theme.margin * 1.5
        y: Theme.margin * 0.6
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(14)
        Item {
            width: parent.width
            height: Math.max(title.implicitHeight, tabs.height)
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                id: title
                objectName: "timelineTitle"
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width - tabs.width - Theme.px(24)
                text: screen.phase === "siege" ? qsTr("The siege: 47 days, 23 June – 8 August 1944")
                      : screen.phase === "campaign" ? qsTr("Before the siege: the campaign")
                      : qsTr("After the siege")
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.heading(44)
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Row {  // the three parts, the one shown marked
                id: tabs
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                spacing: Theme.px(12)
                BigButton {
                    objectName: "phaseCampaign"
                    visible: screen.has("campaign")
                    text: qsTr("Before")
                    accessibleName: qsTr("Before the siege: the campaign")
                    primary: screen.phase === "campaign"
                    onClicked: screen.choose("campaign")
                }
                BigButton {
                    objectName: "phaseSiege"
                    visible: screen.has("siege")
                    text: qsTr("The 47 days")
                    primary: screen.phase === "siege"
                    onClicked: screen.choose("siege")
                }
                BigButton {
                    objectName: "phaseAfter"
                    visible: screen.has("aftermath")
                    text: qsTr("After")
                    accessibleName: qsTr("After the siege")
                    primary: screen.phase === "aftermath"
                    onClicked: screen.choose("aftermath")
                }
            }
        }
        DayStrip {
            id: strip
            objectName: "dayStrip"
            width: parent.width
            visible: screen.phase === "siege" && screen.siegeDays > 0
            firstShown: screen.firstShown
            lastShown: screen.lastShown
            onDayChosen: function (day) { screen.jumpToDay(day) }
        }
    }

    // The groups of the part shown, set like a newspaper: a column holds as many groups as fit
    // one under another, then the next column begins; the columns scroll sideways. A group
    // taller than a column has a column to itself and scrolls in it.
    readonly property real columnWidth: Math.min(groups.width, Theme.px(560) * Math.min(Math.max(Theme.ts, 1), 1.6))
    readonly property real columnGap: Theme.px(28)
    readonly property real blockGap: Theme.px(30)
    function layoutGroups() {
        var x = 0, y = 0, height = groups.height, any = false
        for (var i = 0; i < blocks.count; ++i) {
            var block = blocks.itemAt(i)
            if (!block || block.phase !== phase) continue
            var need = block.naturalHeight
            if (y > 0 && y + need > height) { x += columnWidth + columnGap; y = 0 }
            block.x = x
            block.y = y
            block.height = Math.min(need, height - y)
            y += block.height + blockGap
            any = true
        }
        groups.contentWidth = any ? x + columnWidth : 0
        updateShown()
    }
    function scheduleLayout() { layoutLater.restart() }
    Timer { id: layoutLater; interval: 0; onTriggered: screen.layoutGroups() }
    onColumnWidthChanged: scheduleLayout()
    onPhaseChanged: scheduleLayout()

    Flickable {
        id: groups
        objectName: "timelineList"
        anchors.top: heading.bottom
        anchors.topMargin: Theme.px(24)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(16)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        readonly property int count: screen.has(screen.phase) ? info.phaseEnd[screen.phase] - info.phaseStart[screen.phase] : 0
        onContentXChanged: screen.updateShown()
        onHeightChanged: screen.scheduleLayout()
        Repeater {
            id: blocks
            model: kiosk.models.timeline
            delegate: TimelineDay {
                width: screen.columnWidth
                visible: phase === screen.phase
                onNaturalHeightChanged: screen.scheduleLayout()
            }
            onCountChanged: screen.scheduleLayout()
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            x: (groups.width - width) / 2
            y: (groups.height - height) / 2
            visible: groups.count === 0
            text: qsTr("No dated events yet.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(32)
        }
    }
    // The list goes on to the right: a fade and an arrow, as long as there is more.
    Rectangle {
        anchors.right: groups.right
        anchors.top: groups.top
        anchors.bottom: groups.bottom
        width: Theme.px(90)
        visible: groups.contentWidth > groups.width && !groups.atXEnd
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0.0; color: Qt.rgba(Theme.bg.r, Theme.bg.g, Theme.bg.b, 0) }
            GradientStop { position: 1.0; color: Theme.bg }
        }
        Rectangle {
            objectName: "timelineMore"
            property bool touchTarget: true
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.touch; height: Theme.touch; radius: width / 2
            color: Theme.card
            border.color: Theme.brass
            border.width: Theme.px(2)
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Later events")
            Text { anchors.centerIn: parent; text: "›"; color: Theme.brass; font.family: Theme.shownFamily(visible); font.pixelSize: Theme.px(40); font.bold: true }
            TapHandler {
                onTapped: groups.contentX = Math.min(groups.contentWidth - groups.width,
                                                     groups.contentX + screen.columnWidth + screen.columnGap)
            }
        }
    }
}
