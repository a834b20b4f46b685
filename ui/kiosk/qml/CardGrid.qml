import QtQuick

// Cards in rows that reflow with the text size: as many columns as cards of `minCardWidth`
// fit, every card as tall as the tallest one's content (each delegate says its own in
// `naturalHeight`), so no card cuts its text and the rows line up.
Grid {
    id: grid
    property alias model: repeater.model
    property alias delegate: repeater.delegate
    property real minCardWidth: Theme.px(320)
    readonly property int count: repeater.count
    readonly property real cardWidth: (width - columnSpacing * (columns - 1)) / columns
    property int revision: 0   // bumped as cards come and go: cardHeight looks at them again
    readonly property real cardHeight: {
        var tallest = revision * 0
        for (var i = 0; i < repeater.count; ++i) {
            var card = repeater.itemAt(i)
            if (card) tallest = Math.max(tallest, card.naturalHeight)
        }
        return tallest
    }
    columns: Math.max(1, Math.floor((width + columnSpacing) / (minCardWidth + columnSpacing)))
    columnSpacing: Theme.px(24)
    rowSpacing: Theme.px(24)
    Repeater {
        id: repeater
        onItemAdded: grid.revision++
        onItemRemoved: grid.revision++
    }
}
