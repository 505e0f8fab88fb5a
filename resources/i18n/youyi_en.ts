<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountList</name>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <source>Filter: user name, name, role, grid, unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role, grid cells, unit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminController</name>
    <message>
        <source>Account %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 set; its kept sign-ins ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 devices imported (%3 new, %4 updated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 devices written to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the preview, then confirm or cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 grid cells imported (%3 new, %4 removed); %5 moved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices and cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm rules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlarmClips</name>
    <message>
        <source>No clip for the alarm: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlarmState</name>
    <message>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared, unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertQueueModel</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · latched</source>
        <extracomment>What the narrow columns must fit (besides their titles and code labels). Columns showing code labels (their widest label, within reason). Severity colours, legible on the dark theme: info, minor, major, critical.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen %1, last seen %2, %3 times</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertQueuePanel</name>
    <message>
        <source>%1 open, %2 unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid %1  ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise a work order from the alarm (Enter, Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every day&apos;s alarms again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the devices silent past their reporting interval, now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: alarm, device, community…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 raised  ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order… (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False… (Shift+Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tone for new major and critical alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every grid cell again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <source>Alert queue not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alarm was changed at another console; reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data for this range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <source>Youyi Road Sub-district Operations Center · today</source>
        <extracomment>Caption size in points at 1080 lines; 2160 lines get twice as much.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine-grid ranking: open orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts by kind, last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work orders raised and closed per day, backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerBox</name>
    <message>
        <source>Message broker (MQTT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;ost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client id prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted (mqtts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: ingest runs elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerStatus</name>
    <message>
        <source>Message bus: demo direct feed (no Mosquitto here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message bus: handled by the ingest service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message bus: connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message bus: %1 not reachable, reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest %1 stalled, alerts held at the broker: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest %1 silent since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest %1 cannot reach the database: alerts kept in its spool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ingest service has reported: alerts may not be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest stopped: alerts are not being stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest stalled, alerts held at the broker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database unreachable: alerts kept in the spool (%1 kB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraBrowser</name>
    <message>
        <source>Filter cameras: name or id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Other cameras</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Elevator fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electrical safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-motor vehicle parking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storefront occupation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseTimesChart</name>
    <message>
        <source>median %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90% within %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustodyAction</name>
    <message>
        <source>Taken in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TAMPERED</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <source>Statistics not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Alerts by kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work orders raised and closed per day, backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine-grid ranking: open orders (overdue in red)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device health by kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arc-fault sensor: measurements and alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours to close per category, last 30 days (median; 90% behind)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elevators with most faults, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work orders by source, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseBox</name>
    <message>
        <source>Database (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (sslmode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. db.youyi.local</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceCard</name>
    <message>
        <source>Place</source>
        <extracomment>The theme&apos;s colours (resources/theme/dark.qss): online green, offline amber.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No linked cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show camera %1 on the video wall</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <source>Device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports every</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceKind</name>
    <message>
        <source>Community camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart elevator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arc-fault sensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eagle-eye camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-motor vehicle probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storefront probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile evidence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Filter: id, name, community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every grid cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device registry (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Docks</name>
    <message>
        <source>Video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>84 community cameras at a glance — shown once you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks, grid cells, devices and live alerts — shown once you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest and most severe alerts first — shown once you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File, dispatch and close work orders — shown once you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts and work orders over time, the nine-grid ranking — shown once you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine-grid map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-order desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceBrowser</name>
    <message>
        <source>%1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the order&apos;s evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Originals, a signed manifest and a printable page, for a court or a complaint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files of %2 exported to %3, signed by key %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take in evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking evidence in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 taken in, %2 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceDetail</name>
    <message>
        <source>its stored file is missing from the evidence store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its stored file no longer matches its SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TAMPERED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in the note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an item to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview for this kind of file (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured %1 · by %2 · device %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position %1 · grid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: %1 (%2) %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the work order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detach from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (needed unless usable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-order number, e.g. YY-20261202-0001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceKind</name>
    <message>
        <source>Photo</source>
        <extracomment>Translation context of each group (one each: &quot;Closed&quot; is 已结案 for an order and 已关闭 for an alarm).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FalseAlarmDialog</name>
    <message>
        <source>Device test or maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggered by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interference (light, wind, animals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked on camera: nothing there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is “%1” a false alarm?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss as false alarm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaultsChart</name>
    <message>
        <source>%1 faults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureTiles</name>
    <message>
        <source>Alerts today</source>
        <extracomment>The tiles in their order: the key of each and its caption (translated when shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders raised today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders closed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median hours to close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 (%2).
This system has no keyring: it is not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is now at schema %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: nothing imported, the file was refused:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator signs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may migrate or import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected; the schema is at %1, as this console needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS failure: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but the database has no schema yet: Migrate now, or run %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is at %1, this console needs %2: Migrate now, or run %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is at %1, newer than this console&apos;s %2: a newer console is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as client %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the broker: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker refused client %2 (user %3): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker refused: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridChooser</name>
    <message>
        <source>Whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid cells the charts count</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridMap</name>
    <message>
        <source>Whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole district (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alarms: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridRankChart</name>
    <message>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on time %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median %1 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridsTab</name>
    <message>
        <source>&amp;Choose a GeoJSON file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The district&apos;s grid cells now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoJSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1 (not imported yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 grid cells, %2 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities moving to another cell: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices moving to another cell: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthChart</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>Rotate left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel or +/- to zoom, drag to pan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 unacknowledged) </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Big screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take in evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ad&amp;ministration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts, devices, grid cells, rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign out / switch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baoshan District, Shanghai · one network to see and manage it all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <extracomment>%1 is the database&apos;s kind and place, e.g. &quot;SQLite · /home/op/youyi.db&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message bus: not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Open alarms in the grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPane</name>
    <message>
        <source>No video player here (libVLC is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame on (pauses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>As routed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: say why or what was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Photos of the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This step needs a note.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderActionDialog</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: say why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalating needs a note saying why.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <source>File and dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervise…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 1 (by the grid centre)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 2 (by the sub-district)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 3 (by the district)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervised, level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <source>File</source>
        <extracomment>The verb on the button of each move&apos;s action (the lifecycle&apos;s table, ``services.domain.MOVES``, says which move is which action).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse to file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send back for rework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No work order selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open them in the evidence window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only officers and administrators open evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[%n photo(s)]</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to see the photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>Raise a work order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A work order needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderSource</name>
    <message>
        <source>Operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operators, from an alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved, to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderStep</name>
    <message>
        <source>Supervised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near its deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersChart</name>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersController</name>
    <message>
        <source>Work orders not loaded: %1</source>
        <extracomment>The order, its history, the moves and steps the user may take, its evidence count.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was changed at another console; it has been reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order %1 raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not our responsibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unable to fix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>%1: this picture cannot be shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>report</source>
        <comment>the start of a report&apos;s file name (报表)</comment>
        <extracomment>The formats offered, the first the default: (format, its name, the file&apos;s suffix).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day is after the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report covers at most %1 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the file to write the report to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None checked: all your grid cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None checked: the whole district.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportFlow</name>
    <message>
        <source>Report not exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report of %1 … %2 is written to
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report not exported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Law-enforcement officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesChooser</name>
    <message>
        <source>Most alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residual current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesPlot</name>
    <message>
        <source>No measurements to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residual current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The database cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video players</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tour interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTSP &amp;transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network &amp;caching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hardware decoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stalled after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rendering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message bus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over TCP (through firewalls and NAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the cameras&apos; sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the graphics card where it can decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into pictures (callbacks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Native windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Player options apply to video opened from now on (a new page, layout or camera); tiles already playing keep theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>none (the demo&apos;s direct feed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the ingest service listens to the broker)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Choose a grids file or a devices file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where does this workstation&apos;s console connect?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Control room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo runs on this computer alone: a SQLite database in your data folder, its own message broker, and the demo district of Youyi Road with simulated devices sending alerts. Nothing is shared with other workstations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Migrate now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the district (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells (GeoJSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices and their cameras (CSV, GeoJSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are kept in the system&apos;s keyring (%1), never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This system has no keyring: the passwords are not saved, and the console asks for them at each start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Major</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. wangwei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoController</name>
    <message>
        <source>Video wall on its own screen</source>
        <extracomment>In its dock beside the map and queue 84 tiles are too small to read: 16 by default there, all 84 on a screen of the wall&apos;s own (F12).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot to work order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this view as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture from %1 yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this layout and its cameras:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot attached to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libVLC is missing: install %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libVLC does not start: reinstall %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demo clip for this camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No player on this computer can open this stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal lost, reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Alarm %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm %1</source>
        <extracomment>What a dragged camera carries: its id, UTF-8 (several ids: one a line).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open the alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallBar</name>
    <message>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the pages by themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkOrderDesk</name>
    <message>
        <source>%1 raised  ✕</source>
        <extracomment>Widest typical text of each column (the title stretches).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number or words of the title (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders of every day again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Orders and alarms raised on %1</source>
        <extracomment>Print a line once the window is usable (tests/bench/bench_console.py times it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_CheckedBox</name>
    <message>
        <source>Trying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
