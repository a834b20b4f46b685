import QtQuick

// The 47 days of the siege as a strip: a tick for every day, its number on it (every day when
// the numbers fit, else every second or fifth, and always the first and the last), the dates
// below at the start, at each new month and every week between, where they do not run into
// each other. Days with events are filled; the days whose columns show are underlined.
// Touching a day asks for its column (dayChosen).
Item {
    id: strip
    property bool touchTarget: true
    property int firstShown: 0
    property int lastShown: 0
    signal dayChosen(int day)

    readonly property var days: kiosk.models.siegeDays
    readonly property int count: days.count
    readonly property real cell: width / Math.max(1, count)
    readonly property real barHeight: Math.max(Theme.touch, numbers.height * 2.2)
    // Every how many days a number is written: the smallest step at which "47" fits its cells.
    readonly property int every: {
        var need = numbers.width + Theme.px(6)
        var steps = [1, 2, 5, 7, 10]
        for (var i = 0; i < steps.length; ++i)
            if (steps[i] * cell >= need) return steps[i]
        return 10
    }
    // Which days get a date below: in order of importance, each where it keeps clear of the others.
    readonly property var dated: {
        if (count === 0 || width <= 0) return []
        var wanted = [1].concat(kiosk.timelineInfo.monthStarts || [])
        wanted.push(count)
        for (var w = 8; w < count; w += 7) wanted.push(w)
        var room = dates.width + Theme.px(16), kept = []
        for (var i = 0; i < wanted.length; ++i) {
            var x = (wanted[i] - 0.5) * cell, clear = true
            for (var j = 0; j < kept.length; ++j)
                if (Math.abs((kept[j] - 0.5) * cell - x) < room) clear = false
            if (clear && kept.indexOf(wanted[i]) < 0) kept.push(wanted[i])
        }
        return kept
    }

    height: barHeight + Theme.px(8) + dates.height + Theme.px(6)
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("The 47 days of the siege: touch a day to see its events")
    Accessible.onPressAction: strip.dayChosen(Math.max(1, strip.firstShown))

    TextMetrics { id: numbers; font.family: Theme.family; font.pixelSize: Theme.font(18); font.bold: true; text: "47" }
    TextMetrics { id: dates; font.family: Theme.family; font.pixelSize: Theme.font(20); text: kiosk.lang === "zh" ? "12月30日" : "30 September" }

    Repeater {
        id: dayItems
        model: strip.days
        delegate: Item {
            id: dayItem
            objectName: "day:" + model.day
            readonly property int events: model.event_count
            readonly property bool monthStart: model.month_start
            readonly property bool shownNow: model.day >= strip.firstShown && model.day <= strip.lastShown
            x: index * strip.cell
            width: strip.cell
            height: strip.barHeight
            // Each day for a screen reader: its number, its date, how many events.
            Accessible.role: Accessible.Button
            Accessible.name: model.event_count === 0 ? qsTr("Day %1, %2: no events recorded").arg(model.day).arg(model.date)
                             : model.event_count === 1 ? qsTr("Day %1, %2: one event").arg(model.day).arg(model.date)
                             : qsTr("Day %1, %2: %3 events").arg(model.day).arg(model.date).arg(model.event_count)
            Accessible.onPressAction: strip.dayChosen(model.day)
            Rectangle {
                anchors.fill: parent
                anchors.leftMargin: 1
                color: model.event_count > 0 ? Theme.accent : (index % 2 ? "#3a342d" : "#433c34")
            }
            Rectangle {  // the tick: every day has one, a longer one where a month begins
                objectName: "tick:" + model.day
                width: Math.max(1, Theme.px(2))
                height: model.month_start ? parent.height + Theme.px(8) : parent.height * 0.35
                color: model.month_start ? Theme.brass : Theme.dot
            }
            Text {
                objectName: "dayNumber:" + model.day
                anchors.horizontalCenter: parent.horizontalCenter
                y: Theme.px(4)
                // The first and the last always; between them every `every` days, clear of both.
                visible: model.day === 1 || model.day === strip.count || model.day % strip.every === 0
                         && model.day - 1 >= strip.every && strip.count - model.day >= strip.every
                text: model.day
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(18)
                font.bold: true
            }
            Row {  // one dot per event that began this day
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Theme.px(6)
                spacing: Theme.px(3)
                Repeater {
                    model: Math.min(dayItem.events, 3)
                    Rectangle { width: Theme.px(6); height: width; radius: width / 2; color: Theme.text }
                }
            }
            Rectangle {  // under the days whose columns show
                anchors.bottom: parent.bottom
                width: parent.width
                height: Theme.px(5)
                visible: parent.shownNow
                color: Theme.brass
            }
        }
    }
    Repeater {
        model: strip.days
        delegate: Text {
            objectName: "dayDate:" + model.day
            visible: strip.dated.indexOf(model.day) >= 0
            x: Math.max(0, Math.min(strip.width - implicitWidth, (index + 0.5) * strip.cell - implicitWidth / 2))
            y: strip.barHeight + Theme.px(8)
            text: model.date
            color: model.month_start || model.day === 1 ? Theme.brass : Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(20)
        }
    }
    TapHandler {
        onTapped: function (point) {
            strip.dayChosen(Math.max(1, Math.min(strip.count, Math.floor(point.position.x / strip.cell) + 1)))
        }
    }
}
