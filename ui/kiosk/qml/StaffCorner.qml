import QtQuick

// The hidden way out for staff: hold a finger in the top-left corner for a few seconds.
// Invisible, and a short tap there does nothing.
Item {
    objectName: "staffCorner"
    TapHandler {
        longPressThreshold: kiosk.staffHoldSeconds
        gesturePolicy: TapHandler.WithinBounds
        onLongPressed: kiosk.requestStaff()
    }
}
