import QtQuick
import QtQuick.Window
import Kiosk 1.0

// The map itself, to scale: the base drawing (rivers, the old city's wall, railways), the places,
// their labels, pointers to places out of view, a scale bar and a north arrow. Visitors pinch to
// zoom and drag to pan within the map's bounds; "Reset" brings back the opening mv.
//
// The view is its centre (cx, cy, kilometres east and south of the map's north-west corner) and
// its scale (ppk, pixels per kilometre). Labels, river names and pointers come from
// kiosk.mapLayout (ui/kiosk/maplayout.py) when the view settles; while a finger moves the map they
// ride along with their points.
Item {
    id: mv
    clip: true

    readonly property var info: kiosk.mapInfo
    readonly property real kmW: info.kmW || 0
    readonly property real kmH: info.kmH || 0
    readonly property var focusArea: info.focus || [0, 0, 1, 1]
    property real cx: kmW / 2
    property real cy: kmH / 2
    property real ppk: 1
    // True while the map shows its opening view: a resize (a text size that moves the legend)
    // then fits the opening view again, instead of keeping a scale chosen for another size.
    property bool following: true
    property bool glideHome: false
    property var layout: ({ labels: [], features: [], pointers: [] })
    property var request: ({})        // what the layout was asked for (the tests read it)
    property bool layoutStale: true
    readonly property bool moving: pinch.active || drag.active || glide.running
    readonly property real labelPx: Theme.font(21)
    readonly property real markerRadius: Theme.px(15)
    // The place whose drawer is open: ringed, and kept out from under the drawer.
    readonly property int selectedId: kiosk.detail.kind === "place" ? kiosk.detail.id : -1

    // The opening view: the focus (the battlefield) fits, closer in at a larger text size, where
    // the names need more room (the places it leaves out get pointers at the edge).
    readonly property real fitScale: {
        var fw = (focusArea[2] - focusArea[0]) * kmW, fh = (focusArea[3] - focusArea[1]) * kmH
        return fw > 0 && fh > 0 && width > 0
               ? Math.min(width / fw, height / fh) * 0.96 * Math.pow(Math.max(1, Theme.ts), 0.85) : 1
    }
    readonly property real minScale: kmW > 0 ? Math.min(fitScale, Math.max(width / kmW, height / kmH)) : 1
    readonly property real maxScale: fitScale * 6
    // The opening view's centre: the focus's, kept far enough in that the view stays on the map.
    readonly property real homeX: clampX((focusArea[0] + focusArea[2]) / 2 * kmW, fitScale)
    readonly property real homeY: clampY((focusArea[1] + focusArea[3]) / 2 * kmH, fitScale)
    readonly property bool atHome: Math.abs(ppk - fitScale) < fitScale * 0.01
                                   && Math.abs(cx - homeX) * ppk < 2 && Math.abs(cy - homeY) * ppk < 2

    function toX(km) { return (km - cx) * ppk + width / 2 }
    function toY(km) { return (km - cy) * ppk + height / 2 }

    // Where the centre may be at a scale: the view never shows beyond the map's edge.
    function clampX(x, scale) {
        var half = width / 2 / scale
        return kmW > 2 * half ? Math.max(half, Math.min(kmW - half, x)) : kmW / 2
    }
    function clampY(y, scale) {
        var half = height / 2 / scale
        return kmH > 2 * half ? Math.max(half, Math.min(kmH - half, y)) : kmH / 2
    }
    function clampView() {
        ppk = Math.max(minScale, Math.min(maxScale, ppk))
        cx = clampX(cx, ppk)
        cy = clampY(cy, ppk)
    }
    // Zoom by `factor` keeping the ground under (px, py) where it is.
    function zoomAt(factor, px, py) {
        following = false
        var kx = (px - width / 2) / ppk + cx, ky = (py - height / 2) / ppk + cy
        ppk = Math.max(minScale, Math.min(maxScale, ppk * factor))
        cx = kx - (px - width / 2) / ppk
        cy = ky - (py - height / 2) / ppk
    }
    function panBy(dx, dy) { following = false; cx -= dx / ppk; cy -= dy / ppk }
    function home() {
        glide.stop()
        following = true
        ppk = fitScale; cx = homeX; cy = homeY
        relayout()
    }
    function glideTo(x, y, scale) {
        glide.stop()
        glideHome = Math.abs(scale - fitScale) < 1e-6 && Math.abs(x - homeX) < 1e-6 && Math.abs(y - homeY) < 1e-6
        following = false
        var to = Math.max(minScale, Math.min(maxScale, scale))
        glideX.to = clampX(x, to)
        glideY.to = clampY(y, to)
        glideS.to = to
        glide.start()
    }
    function settle() { clampView(); relayout() }

    // The layout is made while the map shows; a change while it is hidden waits for it. Several
    // causes in one turn of the event loop (a language switch changes the title, the legend and
    // so the map's size) make one layout, once they have all happened.
    function relayout() {
        if (!mv.visible || width <= 0 || kmW <= 0) { layoutStale = true; return }
        layoutLater.restart()
    }
    Timer { id: layoutLater; interval: 0; onTriggered: mv.layoutNow() }
    function layoutNow() {
        if (!mv.visible || width <= 0 || kmW <= 0) { layoutStale = true; return }
        layoutStale = false
        var boxes = []
        for (var i = 0; i < overlays.children.length; ++i) {
            var o = overlays.children[i]
            if (o.visible && o.width > 0)
                boxes.push([o.x, o.y, o.x + o.width, o.y + o.height])
        }
        request = { width: width, height: height, cx: cx, cy: cy, scale: ppk, labelPx: labelPx,
                    namePx: Theme.font(26), marker: markerRadius, touch: Theme.touch, obstacles: boxes }
        layout = kiosk.mapLayout(request)
    }
    onWidthChanged: resized()
    onHeightChanged: resized()
    function resized() {
        if (width <= 0 || height <= 0) return
        if (following) home(); else settle()
    }
    onVisibleChanged: if (visible && layoutStale) relayout()
    onFitScaleChanged: if (following && width > 0 && height > 0) home()  // another text size
    onSelectedIdChanged: if (selectedId >= 0 && visible) revealTimer.restart()
    Connections {
        target: kiosk
        function onLangChanged() { mv.relayout() }
        function onTextScaleChanged() { mv.relayout() }
        // The next visitor finds the map as it opens, not where the last one left it.
        function onResetDone() { mv.home() }
        function onSnapshotChanged() { mv.home() }
    }
    // Once the drawer's width is known (it opens in the same event): move the place beside it.
    Timer { id: revealTimer; interval: 0; onTriggered: mv.revealBesideDrawer() }

    // The drawer (DetailDrawer.qml) covers the window's right side: its sheet is
    // min(46 % of the window, 900 design px) wide. Pan so the touched place is in the middle
    // of what stays uncovered, if it is under the sheet or too near its edge.
    function revealBesideDrawer() {
        var spot = placeSpot(selectedId)
        if (!spot) return
        var sheet = Math.min(Window.width * 0.46, Theme.px(900))
        var left = mv.mapToItem(null, 0, 0).x
        var free = Math.max(0, Window.width - sheet - left)   // view pixels left of the sheet
        var px = toX(spot.x), py = toY(spot.y)
        var edge = Theme.touch * 1.5
        if (px > edge && px < free - edge && py > edge && py < height - edge) return
        var targetX = Math.min(free, width) / 2
        glideTo(spot.x + (width / 2 - targetX) / ppk, py > edge && py < height - edge ? cy : spot.y, ppk)
    }
    function placeSpot(id) {
        for (var i = 0; i < placeItems.count; ++i) {
            var item = placeItems.itemAt(i)
            if (item && item.placeId === id) return { x: item.kmX, y: item.kmY }
        }
        return null
    }

    ParallelAnimation {
        id: glide
        NumberAnimation { id: glideX; target: mv; property: "cx"; duration: 450; easing.type: Easing.InOutCubic }
        NumberAnimation { id: glideY; target: mv; property: "cy"; duration: 450; easing.type: Easing.InOutCubic }
        NumberAnimation { id: glideS; target: mv; property: "ppk"; duration: 450; easing.type: Easing.InOutCubic }
        onFinished: { if (mv.glideHome) mv.home(); else mv.settle() }
    }

    MapCanvas {
        id: canvas
        objectName: "mapCanvas"
        anchors.fill: parent
        lines: kiosk.mapLines
        areas: kiosk.mapAreas
        features: mv.layout.features
        view: ({ cx: mv.cx, cy: mv.cy, scale: mv.ppk, kmW: mv.kmW, kmH: mv.kmH })
    }

    // Pinch and drag move the view, never the items: the drawing is redrawn at the new scale.
    PinchHandler {
        id: pinch
        target: null
        onScaleChanged: function (delta) { mv.zoomAt(delta, centroid.position.x, centroid.position.y) }
        onTranslationChanged: function (delta) { mv.panBy(delta.x, delta.y) }
        onActiveChanged: if (active) glide.stop(); else mv.settle()
    }
    DragHandler {
        id: drag
        target: null
        onTranslationChanged: function (delta) { mv.panBy(delta.x, delta.y) }
        onActiveChanged: if (active) glide.stop(); else mv.settle()
    }
    WheelHandler {  // a mouse on a staff machine: the wheel zooms
        target: null
        onWheel: function (event) {
            mv.zoomAt(Math.pow(1.0015, event.angleDelta.y), point.position.x, point.position.y)
            settleLater.restart()
        }
    }
    Timer { id: settleLater; interval: 200; onTriggered: mv.settle() }

    Repeater {
        id: placeItems
        model: kiosk.models.places
        delegate: Item {
            id: place
            objectName: "place:" + model.key
            property bool touchTarget: true
            readonly property int placeId: model.id
            readonly property string shortName: model.shortName
            readonly property string shape: model.shape
            readonly property var label: mv.layout.labels[index] || ({ shown: false })
            readonly property var feature: {
                var list = mv.layout.features
                for (var i = 0; i < list.length; ++i)
                    if (list[i].place === model.key) return list[i]
                return null
            }
            // Where the place is, in km: its coordinates, or the centre of its name along a river.
            readonly property real kmX: shape === "line" && feature ? feature.centre[0] : model.x * mv.kmW
            readonly property real kmY: shape === "line" && feature ? feature.centre[1] : model.y * mv.kmH
            readonly property real px: mv.toX(kmX)
            readonly property real py: mv.toY(kmY)
            readonly property bool selected: mv.selectedId === model.id
            // A river's place is its name on the water; an area's its name inside the wall.
            width: shape === "line" && feature ? Math.max(Theme.touch, feature.w)
                   : shape === "area" && label.shown ? Math.max(Theme.touch, label.w) : Theme.touch
            height: shape === "line" && feature ? Math.max(Theme.touch, feature.h)
                    : shape === "area" && label.shown ? Math.max(Theme.touch, label.h) : Theme.touch
            x: px - width / 2
            y: py - height / 2
            visible: shape === "line" ? feature !== null
                     : px >= 0 && px <= mv.width && py >= 0 && py <= mv.height
            z: tap.pressed || selected ? 3 : 2
            Accessible.role: Accessible.Button
            Accessible.name: model.name
            Accessible.onPressAction: kiosk.openRecord("place", model.id)
            Rectangle {  // the ring around the place whose drawer is open
                anchors.centerIn: parent
                visible: place.selected
                width: (place.shape === "point" ? Theme.px(30) : Math.max(place.width, place.height) * 0.6) + Theme.px(22)
                height: place.shape === "point" ? width : place.height + Theme.px(12)
                radius: place.shape === "point" ? width / 2 : Theme.px(10)
                color: "transparent"
                border.color: Theme.accent
                border.width: Theme.px(5)
            }
            Rectangle {
                anchors.centerIn: parent
                visible: place.shape === "point"
                width: mv.markerRadius * 2; height: width; radius: width / 2
                color: model.event_count > 0 ? Theme.accent : "#7a5a3a"
                border.color: "white"
                border.width: Theme.px(model.estimated ? 3 : 5)
                scale: tap.pressed ? 1.3 : 1
            }
            TapHandler { id: tap; onTapped: kiosk.openRecord("place", model.id) }
        }
    }
    // The labels, above every marker: each at its place's point plus the layout's offset.
    Repeater {
        model: kiosk.models.places
        delegate: Item {
            id: tag
            readonly property var label: mv.layout.labels[index] || ({ shown: false })
            readonly property bool area: model.shape === "area"
            readonly property real px: mv.toX(model.x * mv.kmW)
            readonly property real py: mv.toY(model.y * mv.kmH)
            visible: label.shown === true && model.shape !== "line"
            z: 4
            Rectangle {  // the leader line from the marker to a label set away from it
                visible: tag.label.leader === true
                readonly property real ex: Math.min(Math.max(tag.px, box.x), box.x + box.width)
                readonly property real ey: Math.min(Math.max(tag.py, box.y), box.y + box.height)
                x: tag.px
                y: tag.py - height / 2
                width: Math.sqrt((ex - tag.px) * (ex - tag.px) + (ey - tag.py) * (ey - tag.py))
                height: Theme.px(2)
                color: Theme.ink
                transformOrigin: Item.Left
                rotation: Math.atan2(ey - tag.py, ex - tag.px) * 180 / Math.PI
            }
            Rectangle {
                id: box
                objectName: "placeLabel:" + model.key
                x: tag.px + (tag.label.dx || 0)
                y: tag.py + (tag.label.dy || 0)
                width: tag.label.w || 0
                height: tag.label.h || 0
                radius: Theme.px(6)
                color: tag.area ? "#00000000" : "#e6f4efe4"
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    anchors.centerIn: parent
                    // The short name ("衡阳机场"); the full one shows when the place is opened.
                    text: model.shortName
                    color: tag.area ? "#6b4a2b" : Theme.ink
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: tag.area ? Math.round(mv.labelPx * 1.15) : mv.labelPx
                    font.bold: tag.area
                }
                Accessible.role: Accessible.Button
                Accessible.name: model.name
                Accessible.onPressAction: kiosk.openRecord("place", model.id)
                TapHandler { onTapped: kiosk.openRecord("place", model.id) }
            }
        }
    }
    // Places out of view: a chip at the edge, towards them; touching it brings the place into view.
    Repeater {
        model: mv.moving ? [] : mv.layout.pointers
        delegate: Rectangle {
            objectName: "mapPointer:" + modelData.key
            property bool touchTarget: true
            readonly property var place: placeItems.itemAt(modelData.index)
            x: modelData.x
            y: modelData.y
            width: modelData.w
            height: modelData.h
            z: 5
            radius: height / 2
            color: pointerTap.pressed ? Theme.cardPressed : Theme.card
            border.color: Theme.brass
            border.width: Theme.px(2)
            Row {
                anchors.centerIn: parent
                spacing: Theme.px(8)
                layoutDirection: modelData.arrowFirst ? Qt.LeftToRight : Qt.RightToLeft
                Text {
                    text: "→"
                    rotation: modelData.angle
                    color: Theme.brass
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: mv.labelPx
                    font.bold: true
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    text: place ? place.shortName : ""
                    color: Theme.text
                    font.family: Theme.shownFamily(visible)
                    font.pixelSize: mv.labelPx
                }
            }
            function bringIntoView() { if (place) mv.glideTo(place.kmX, place.kmY, mv.ppk) }
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Show %1 on the map").arg(place ? place.shortName : "")
            Accessible.onPressAction: bringIntoView()
            TapHandler { id: pointerTap; onTapped: parent.bringIntoView() }
        }
    }

    // Overlays the labels keep clear of (their boxes go to the layout as obstacles).
    Item {
        id: overlays
        anchors.fill: parent
        z: 6
        ScaleBar {
            objectName: "mapScaleBar"
            x: Theme.px(16)
            y: parent.height - height - Theme.px(14)
            pixelsPerKm: mv.ppk
        }
        NorthArrow {
            id: north
            objectName: "mapNorth"
            x: parent.width - width - Theme.px(16)
            y: Theme.px(14)
        }
        Column {
            id: zoomButtons
            x: parent.width - width - Theme.px(16)
            y: north.y + north.height + Theme.px(12)
            spacing: Theme.px(10)
            BigButton {
                objectName: "mapZoomIn"
                width: Theme.button; height: Theme.button
                text: "+"
                fontSize: 44
                accessibleName: qsTr("Zoom in")
                enabled: mv.ppk < mv.maxScale * 0.99
                onClicked: mv.glideTo(mv.cx, mv.cy, mv.ppk * 1.6)
            }
            BigButton {
                objectName: "mapZoomOut"
                width: Theme.button; height: Theme.button
                text: "−"
                fontSize: 44
                accessibleName: qsTr("Zoom out")
                enabled: mv.ppk > mv.minScale * 1.01
                onClicked: mv.glideTo(mv.cx, mv.cy, mv.ppk / 1.6)
            }
        }
        Rectangle {
            objectName: "mapNote"
            visible: mv.info.approximate === true
            x: parent.width - width - Theme.px(16)
            y: parent.height - height - Theme.px(14)
            width: note.implicitWidth + Theme.px(20)
            height: note.implicitHeight + Theme.px(10)
            radius: Theme.px(6)
            color: "#e6f4efe4"
            Text {
                id: note
                anchors.centerIn: parent
                text: qsTr("Schematic: the wall, the rivers and most positions are approximate")
                color: Theme.ink
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(18)
            }
        }
    }
}
