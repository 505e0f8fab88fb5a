<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
</context>
<context>
    <name>AccountList</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <source>Filter: user name, name, role, grid, unit</source>
        <translation>筛选：用户名、姓名、角色、网格、单位</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Role, grid cells, unit…</source>
        <translation>角色、网格、单位(&amp;R)…</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>设置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
</context>
<context>
    <name>AdminController</name>
    <message>
        <source>Account %1 added</source>
        <translation>已新增账号 %1</translation>
    </message>
    <message>
        <source>%1 enabled</source>
        <translation>%1 已启用</translation>
    </message>
    <message>
        <source>%1 disabled</source>
        <translation>%1 已停用</translation>
    </message>
    <message>
        <source>%1 unlocked</source>
        <translation>%1 已解锁</translation>
    </message>
    <message>
        <source>Password of %1 set; its kept sign-ins ended</source>
        <translation>%1 的密码已设置；其保留的登录已失效</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 已修改</translation>
    </message>
    <message>
        <source>Device %1 saved</source>
        <translation>设备 %1 已保存</translation>
    </message>
    <message>
        <source>%1: %2 devices imported (%3 new, %4 updated)</source>
        <translation>%1：已导入 %2 台设备（新增 %3，更新 %4）</translation>
    </message>
    <message>
        <source>%1 devices written to %2</source>
        <translation>已将 %1 台设备写入 %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Check the preview, then confirm or cancel</source>
        <translation>请核对预览，然后确认或取消</translation>
    </message>
    <message>
        <source>%1: %2 grid cells imported (%3 new, %4 removed); %5 moved</source>
        <translation>%1：已导入 %2 个网格（新增 %3，删除 %4）；%5 项改属其他网格</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Devices and cameras</source>
        <translation>设备与摄像头</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Alarm rules</source>
        <translation>告警规则</translation>
    </message>
</context>
<context>
    <name>AlarmClips</name>
    <message>
        <source>No clip for the alarm: %1</source>
        <translation>未能录下报警视频：%1</translation>
    </message>
    <message>
        <source>Clip not kept: %1</source>
        <translation>报警视频未能入库：%1</translation>
    </message>
</context>
<context>
    <name>AlarmState</name>
    <message>
        <source>On hold</source>
        <translation>延时确认中</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Cleared, unacknowledged</source>
        <translation>已恢复未确认</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>搁置</translation>
    </message>
</context>
<context>
    <name>AlertQueueModel</name>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近发生</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source> · latched</source>
        <extracomment>What the narrow columns must fit (besides their titles and code labels). Columns showing code labels (their widest label, within reason). Severity colours, legible on the dark theme: info, minor, major, critical.</extracomment>
        <translation> · 需人工复位</translation>
    </message>
    <message>
        <source>First seen %1, last seen %2, %3 times</source>
        <translation>首次 %1，最近 %2，共 %3 次</translation>
    </message>
</context>
<context>
    <name>AlertQueuePanel</name>
    <message>
        <source>%1 open, %2 unacknowledged</source>
        <translation>未关闭 %1 条，未确认 %2 条</translation>
    </message>
    <message>
        <source>Grid %1  ✕</source>
        <translation>网格 %1  ✕</translation>
    </message>
    <message>
        <source>Raise a work order from the alarm (Enter, Ctrl+R)</source>
        <translation>由此告警生成工单（回车、Ctrl+R）</translation>
    </message>
    <message>
        <source>Show every day&apos;s alarms again</source>
        <translation>重新显示所有日期的告警</translation>
    </message>
    <message>
        <source>Only the devices silent past their reporting interval, now</source>
        <translation>只看当前离线的设备（超过上报周期未上报）</translation>
    </message>
    <message>
        <source>Filter: alarm, device, community…</source>
        <translation>筛选：告警、设备、小区…</translation>
    </message>
    <message>
        <source>Ack (Space)</source>
        <translation>确认（空格）</translation>
    </message>
    <message>
        <source>Offline devices: %1</source>
        <translation>离线设备：%1</translation>
    </message>
    <message>
        <source>%1 raised  ✕</source>
        <translation>%1 发生  ✕</translation>
    </message>
    <message>
        <source>Order… (Enter)</source>
        <translation>生成工单…（回车）</translation>
    </message>
    <message>
        <source>Map (M)</source>
        <translation>地图定位（M）</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>下一条未确认（N）</translation>
    </message>
    <message>
        <source>False… (Shift+Del)</source>
        <translation>误报…（Shift+Del）</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>声音：关</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>声音：开</translation>
    </message>
    <message>
        <source>A tone for new major and critical alarms</source>
        <translation>新的重要、紧急告警响提示音</translation>
    </message>
    <message>
        <source>Show every grid cell again</source>
        <translation>显示全部网格</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <source>Alert queue not loaded: %1</source>
        <translation>告警队列未能载入：%1</translation>
    </message>
    <message>
        <source>The alarm was changed at another console; reloaded.</source>
        <translation>该告警已被其他席位修改，已重新载入。</translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data for this range</source>
        <translation>该时段无数据</translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <source>Youyi Road Sub-district Operations Center · today</source>
        <extracomment>Caption size in points at 1080 lines; 2160 lines get twice as much.</extracomment>
        <translation>友谊路街道城运中心 · 今日态势</translation>
    </message>
    <message>
        <source>Nine-grid ranking: open orders</source>
        <translation>九宫格排名：在办工单</translation>
    </message>
    <message>
        <source>Alerts by kind, last 24 hours</source>
        <translation>近24小时告警（按类型）</translation>
    </message>
    <message>
        <source>Work orders raised and closed per day, backlog</source>
        <translation>每日工单新增与结案、积压</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
</context>
<context>
    <name>BrokerBox</name>
    <message>
        <source>Message broker (MQTT)</source>
        <translation>消息总线（MQTT）</translation>
    </message>
    <message>
        <source>H&amp;ost</source>
        <translation>主机(&amp;O)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Client id prefix</source>
        <translation>客户端标识前缀</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>Encrypted (mqtts)</source>
        <translation>加密（mqtts）</translation>
    </message>
    <message>
        <source>empty: ingest runs elsewhere</source>
        <translation>留空：由其他服务接入</translation>
    </message>
</context>
<context>
    <name>BrokerStatus</name>
    <message>
        <source>Message bus: demo direct feed (no Mosquitto here)</source>
        <translation>消息总线：演示直连（本机无 Mosquitto）</translation>
    </message>
    <message>
        <source>Message bus: handled by the ingest service</source>
        <translation>消息总线：由接入服务处理</translation>
    </message>
    <message>
        <source>Message bus: connected to %1</source>
        <translation>消息总线：已连接 %1</translation>
    </message>
    <message>
        <source>Message bus: %1 not reachable, reconnecting</source>
        <translation>消息总线：%1 无法连接，正在重连</translation>
    </message>
    <message>
        <source>Ingest %1 stalled, alerts held at the broker: %2</source>
        <translation>告警接入服务 %1 停滞，告警暂留消息服务器：%2</translation>
    </message>
    <message>
        <source>Ingest %1 silent since %2</source>
        <translation>告警接入服务 %1 自 %2 起无响应</translation>
    </message>
    <message>
        <source>Ingest %1 cannot reach the database: alerts kept in its spool</source>
        <translation>告警接入服务 %1 无法连接数据库：告警已暂存其本地</translation>
    </message>
    <message>
        <source>No ingest service has reported: alerts may not be stored</source>
        <translation>尚无告警接入服务上报：告警可能未入库</translation>
    </message>
    <message>
        <source>Ingest stopped: alerts are not being stored</source>
        <translation>告警接入已停止：告警未入库</translation>
    </message>
    <message>
        <source>Ingest stalled, alerts held at the broker: %1</source>
        <translation>告警接入停滞，告警暂留消息服务器：%1</translation>
    </message>
    <message>
        <source>Database unreachable: alerts kept in the spool (%1 kB)</source>
        <translation>数据库不可达：告警已暂存本地（%1 kB）</translation>
    </message>
</context>
<context>
    <name>CameraBrowser</name>
    <message>
        <source>Filter cameras: name or id</source>
        <translation>筛选摄像机：名称或编号</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Other cameras</source>
        <translation>其他摄像机</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Elevator fault</source>
        <translation>电梯故障</translation>
    </message>
    <message>
        <source>Electrical safety</source>
        <translation>用电安全</translation>
    </message>
    <message>
        <source>Non-motor vehicle parking</source>
        <translation>非机动车停放</translation>
    </message>
    <message>
        <source>Storefront occupation</source>
        <translation>跨门经营</translation>
    </message>
    <message>
        <source>Sanitation</source>
        <translation>环境卫生</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>CloseTimesChart</name>
    <message>
        <source>median %1 h</source>
        <translation>中位 %1 小时</translation>
    </message>
    <message>
        <source>90% within %1 h</source>
        <translation>90% 在 %1 小时内</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>结案 %1</translation>
    </message>
</context>
<context>
    <name>CustodyAction</name>
    <message>
        <source>Taken in</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>关联工单</translation>
    </message>
    <message>
        <source>Detached</source>
        <translation>解除关联</translation>
    </message>
    <message>
        <source>TAMPERED</source>
        <translation>已篡改</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <source>Statistics not loaded: %1</source>
        <translation>统计数据未能加载：%1</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Alerts by kind</source>
        <translation>告警趋势（按类型）</translation>
    </message>
    <message>
        <source>Work orders raised and closed per day, backlog</source>
        <translation>每日工单新增与结案、积压</translation>
    </message>
    <message>
        <source>Nine-grid ranking: open orders (overdue in red)</source>
        <translation>九宫格排名：在办工单（红色为超时）</translation>
    </message>
    <message>
        <source>Device health by kind</source>
        <translation>设备在线情况（按类型）</translation>
    </message>
    <message>
        <source>Arc-fault sensor: measurements and alarms</source>
        <translation>电气灭弧传感器：监测曲线与告警</translation>
    </message>
    <message>
        <source>Hours to close per category, last 30 days (median; 90% behind)</source>
        <translation>各类别办结时长（近30天；中位数，后为90分位）</translation>
    </message>
    <message>
        <source>Elevators with most faults, last 30 days</source>
        <translation>故障最多的电梯（近30天）</translation>
    </message>
    <message>
        <source>Work orders by source, last 30 days</source>
        <translation>工单来源（近30天）</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>近24小时</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>Last hour (live)</source>
        <translation>近1小时（实时）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>更新于 %1</translation>
    </message>
</context>
<context>
    <name>DatabaseBox</name>
    <message>
        <source>Database (PostgreSQL)</source>
        <translation>数据库（PostgreSQL）</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>主机(&amp;H)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>TLS (sslmode)</source>
        <translation>TLS（sslmode）</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>e.g. db.youyi.local</source>
        <translation>例如 db.youyi.local</translation>
    </message>
</context>
<context>
    <name>DeviceCard</name>
    <message>
        <source>Place</source>
        <extracomment>The theme&apos;s colours (resources/theme/dark.qss): online green, offline amber.</extracomment>
        <translation>位置</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最近上报</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>最近告警</translation>
    </message>
    <message>
        <source>Linked cameras</source>
        <translation>关联摄像机</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>No linked cameras</source>
        <translation>无关联摄像机</translation>
    </message>
    <message>
        <source>Not on the map</source>
        <translation>未标注位置</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>暂无告警</translation>
    </message>
    <message>
        <source>Show camera %1 on the video wall</source>
        <translation>在视频墙上显示摄像机 %1</translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <source>Device %1</source>
        <translation>设备 %1</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Reports every</source>
        <translation>上报周期</translation>
    </message>
</context>
<context>
    <name>DeviceKind</name>
    <message>
        <source>Community camera</source>
        <translation>小区物业探头</translation>
    </message>
    <message>
        <source>Smart elevator</source>
        <translation>智慧云梯</translation>
    </message>
    <message>
        <source>Arc-fault sensor</source>
        <translation>电气灭弧</translation>
    </message>
    <message>
        <source>Eagle-eye camera</source>
        <translation>鹰眼</translation>
    </message>
    <message>
        <source>Non-motor vehicle probe</source>
        <translation>非机动车整治探头</translation>
    </message>
    <message>
        <source>Storefront probe</source>
        <translation>跨门经营治理探头</translation>
    </message>
    <message>
        <source>Mobile evidence</source>
        <translation>移动取证</translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Reports every</source>
        <translation>上报周期</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Never heard</source>
        <translation>从未上报</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Filter: id, name, community</source>
        <translation>筛选：编号、名称、小区</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Every grid cell</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>Import devices</source>
        <translation>导入设备</translation>
    </message>
    <message>
        <source>Device registry (%1)</source>
        <translation>设备清单（%1）</translation>
    </message>
    <message>
        <source>Export devices</source>
        <translation>导出设备</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation>诊断信息已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>Docks</name>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>84 community cameras at a glance — shown once you sign in</source>
        <translation>84 个小区摄像头一屏总览——登录后显示</translation>
    </message>
    <message>
        <source>Blocks, grid cells, devices and live alerts — shown once you sign in</source>
        <translation>街区、网格、设备与实时告警——登录后显示</translation>
    </message>
    <message>
        <source>Newest and most severe alerts first — shown once you sign in</source>
        <translation>最新、最紧急的告警优先显示——登录后显示</translation>
    </message>
    <message>
        <source>File, dispatch and close work orders — shown once you sign in</source>
        <translation>工单立案、派单与结案——登录后显示</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Alerts and work orders over time, the nine-grid ranking — shown once you sign in</source>
        <translation>告警与工单趋势、九宫格排名——登录后显示</translation>
    </message>
    <message>
        <source>Nine-grid map</source>
        <translation>九宫格地图</translation>
    </message>
    <message>
        <source>Alert queue</source>
        <translation>告警队列</translation>
    </message>
    <message>
        <source>Work-order desk</source>
        <translation>工单台</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>街区</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
</context>
<context>
    <name>EvidenceBrowser</name>
    <message>
        <source>%1 items</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Every grid</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Reviewed or not</source>
        <translation>全部审查状态</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未审查</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审查</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法队员</translation>
    </message>
    <message>
        <source>Work-order number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>Export the order&apos;s evidence…</source>
        <translation>导出工单证据…</translation>
    </message>
    <message>
        <source>Originals, a signed manifest and a printable page, for a court or a complaint</source>
        <translation>原始文件、签名清单和可打印页面，供法院或投诉核查</translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <source>Evidence</source>
        <translation>移动取证</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>%1 files of %2 exported to %3, signed by key %4</source>
        <translation>工单 %2 的 %1 个文件已导出到 %3，签名密钥 %4</translation>
    </message>
    <message>
        <source>Take in evidence</source>
        <translation>导入证据</translation>
    </message>
    <message>
        <source>Taking evidence in…</source>
        <translation>正在导入证据…</translation>
    </message>
    <message>
        <source>%1 taken in, %2 refused</source>
        <translation>已入库 %1 件，拒收 %2 件</translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
</context>
<context>
    <name>EvidenceDetail</name>
    <message>
        <source>its stored file is missing from the evidence store</source>
        <translation>存储的文件已从证据库中丢失</translation>
    </message>
    <message>
        <source>its stored file no longer matches its SHA-256</source>
        <translation>存储的文件与其 SHA-256 不再相符</translation>
    </message>
    <message>
        <source>TAMPERED: %1</source>
        <translation>已篡改：%1</translation>
    </message>
    <message>
        <source>Say why in the note first.</source>
        <translation>请先在备注中说明理由。</translation>
    </message>
    <message>
        <source>Select an item to review it.</source>
        <translation>选择一件证据进行审查。</translation>
    </message>
    <message>
        <source>No preview for this kind of file (%1).</source>
        <translation>此类文件无法预览（%1）。</translation>
    </message>
    <message>
        <source>Captured %1 · by %2 · device %3</source>
        <translation>采集于 %1 · 采集人 %2 · 设备 %3</translation>
    </message>
    <message>
        <source>Position %1 · grid %2</source>
        <translation>位置 %1 · 网格 %2</translation>
    </message>
    <message>
        <source>Flagged: %1</source>
        <translation>已标记：%1</translation>
    </message>
    <message>
        <source>Review: %1 (%2) %3</source>
        <translation>审查：%1（%2）%3</translation>
    </message>
    <message>
        <source>Open the work order</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <source>Detach from %1</source>
        <translation>解除与 %1 的关联</translation>
    </message>
    <message>
        <source>Note (needed unless usable)</source>
        <translation>备注（可采用以外须填写）</translation>
    </message>
    <message>
        <source>Work-order number, e.g. YY-20261202-0001</source>
        <translation>工单编号，如 YY-20261202-0001</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>关联工单</translation>
    </message>
    <message>
        <source>On the map</source>
        <translation>地图定位</translation>
    </message>
</context>
<context>
    <name>EvidenceKind</name>
    <message>
        <source>Photo</source>
        <extracomment>Translation context of each group (one each: &quot;Closed&quot; is 已结案 for an order and 已关闭 for an alarm).</extracomment>
        <translation>照片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法队员</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未审查</translation>
    </message>
</context>
<context>
    <name>FalseAlarmDialog</name>
    <message>
        <source>Device test or maintenance</source>
        <translation>设备测试或维保</translation>
    </message>
    <message>
        <source>Triggered by mistake</source>
        <translation>误触发</translation>
    </message>
    <message>
        <source>Interference (light, wind, animals)</source>
        <translation>环境干扰（光线、风、动物）</translation>
    </message>
    <message>
        <source>Checked on camera: nothing there</source>
        <translation>经视频核实，现场无异常</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Why is “%1” a false alarm?</source>
        <translation>为什么“%1”是误报？</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Dismiss as false alarm</source>
        <translation>确认为误报</translation>
    </message>
</context>
<context>
    <name>FaultsChart</name>
    <message>
        <source>%1 faults</source>
        <translation>故障 %1 次</translation>
    </message>
</context>
<context>
    <name>FigureTiles</name>
    <message>
        <source>Alerts today</source>
        <extracomment>The tiles in their order: the key of each and its caption (translated when shown).</extracomment>
        <translation>今日告警</translation>
    </message>
    <message>
        <source>Orders raised today</source>
        <translation>今日新增工单</translation>
    </message>
    <message>
        <source>Orders closed today</source>
        <translation>今日结案</translation>
    </message>
    <message>
        <source>Orders open</source>
        <translation>在办工单</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Median hours to close</source>
        <translation>办结时长中位数（小时）</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>the message broker</source>
        <translation>消息总线</translation>
    </message>
    <message>
        <source>Password for %1 (%2).
This system has no keyring: it is not saved.</source>
        <translation>%1（%2）的密码。
本系统没有密钥环：密码不会保存。</translation>
    </message>
    <message>
        <source>Migrating…</source>
        <translation>正在升级…</translation>
    </message>
    <message>
        <source>The database is now at schema %1.</source>
        <translation>数据库结构已升级到 %1。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>已导入：%1。</translation>
    </message>
    <message>
        <source>%1: nothing imported, the file was refused:</source>
        <translation>%1：文件被拒绝，未导入任何内容：</translation>
    </message>
    <message>
        <source>An administrator signs in</source>
        <translation>管理员登录</translation>
    </message>
    <message>
        <source>Only an administrator may migrate or import.</source>
        <translation>只有管理员可以升级或导入。</translation>
    </message>
    <message>
        <source>Connected; the schema is at %1, as this console needs.</source>
        <translation>已连接；数据库结构为 %1，与本操作台一致。</translation>
    </message>
    <message>
        <source>Cannot reach the database: %1.</source>
        <translation>无法连接数据库：%1。</translation>
    </message>
    <message>
        <source>Wrong user name or password: %1.</source>
        <translation>用户名或密码错误：%1。</translation>
    </message>
    <message>
        <source>TLS failure: %1.</source>
        <translation>TLS 失败：%1。</translation>
    </message>
    <message>
        <source>Connected, but the database has no schema yet: Migrate now, or run %3</source>
        <translation>已连接，但数据库尚无结构：请点击“立即升级”，或运行 %3</translation>
    </message>
    <message>
        <source>The schema is at %1, this console needs %2: Migrate now, or run %3</source>
        <translation>数据库结构为 %1，本操作台需要 %2：请点击“立即升级”，或运行 %3</translation>
    </message>
    <message>
        <source>The schema is at %1, newer than this console&apos;s %2: a newer console is needed.</source>
        <translation>数据库结构为 %1，比本操作台的 %2 更新：需要更新版本的操作台。</translation>
    </message>
    <message>
        <source>The database refused: %1.</source>
        <translation>数据库拒绝：%1。</translation>
    </message>
    <message>
        <source>Connected as client %2.</source>
        <translation>已以客户端 %2 连接。</translation>
    </message>
    <message>
        <source>Cannot reach the broker: %1.</source>
        <translation>无法连接消息总线：%1。</translation>
    </message>
    <message>
        <source>The broker refused client %2 (user %3): %1.</source>
        <translation>消息总线拒绝了客户端 %2（用户 %3）：%1。</translation>
    </message>
    <message>
        <source>The broker refused: %1.</source>
        <translation>消息总线拒绝：%1。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>GridChooser</name>
    <message>
        <source>Whole district</source>
        <translation>全街道</translation>
    </message>
    <message>
        <source>%1 grid cells</source>
        <translation>%1 个网格</translation>
    </message>
    <message>
        <source>The grid cells the charts count</source>
        <translation>图表统计的网格范围</translation>
    </message>
</context>
<context>
    <name>GridMap</name>
    <message>
        <source>Whole district</source>
        <translation>全街道</translation>
    </message>
    <message>
        <source>Show the whole district (F)</source>
        <translation>显示全街道（F）</translation>
    </message>
    <message>
        <source>Open alarms: %1</source>
        <translation>未关闭告警：%1 条</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>未关闭 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridRankChart</name>
    <message>
        <source>%1 open</source>
        <translation>在办 %1</translation>
    </message>
    <message>
        <source>on time %1%</source>
        <translation>按期 %1%</translation>
    </message>
    <message>
        <source>median %1 h</source>
        <translation>中位 %1 小时</translation>
    </message>
</context>
<context>
    <name>GridsTab</name>
    <message>
        <source>&amp;Choose a GeoJSON file…</source>
        <translation>选择 GeoJSON 文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Replace the grid cells</source>
        <translation>替换网格</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The district&apos;s grid cells now</source>
        <translation>街道当前的网格</translation>
    </message>
    <message>
        <source>GeoJSON (%1)</source>
        <translation>GeoJSON（%1）</translation>
    </message>
    <message>
        <source>New grid cells</source>
        <translation>新网格</translation>
    </message>
    <message>
        <source>Preview of %1 (not imported yet)</source>
        <translation>%1 的预览（尚未导入）</translation>
    </message>
    <message>
        <source>%1 grid cells, %2 new</source>
        <translation>%1 个网格，新增 %2</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>删除：%1</translation>
    </message>
    <message>
        <source>Communities moving to another cell: %1</source>
        <translation>改属其他网格的小区：%1</translation>
    </message>
    <message>
        <source>Devices moving to another cell: %1</source>
        <translation>改属其他网格的设备：%1</translation>
    </message>
</context>
<context>
    <name>HealthChart</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>Rotate left</source>
        <translation>向左旋转</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>向右旋转</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Wheel or +/- to zoom, drag to pan</source>
        <translation>滚轮或 +/- 缩放，拖动平移</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation>友谊路街道城运中心</translation>
    </message>
    <message>
        <source>(%1 unacknowledged) </source>
        <translation>（%1 条未确认）</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Big screen</source>
        <translation>大屏(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出统计报表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>证据(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Browse evidence…</source>
        <translation>证据浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Take in evidence…</source>
        <translation>导入证据(&amp;T)…</translation>
    </message>
    <message>
        <source>Ad&amp;ministration</source>
        <translation>系统管理(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Accounts, devices, grid cells, rules…</source>
        <translation>账号、设备、网格、规则(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Sign out / switch user</source>
        <translation>注销 / 切换用户(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>复制诊断信息(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Console version %1</source>
        <translation>控制台版本 %1</translation>
    </message>
    <message>
        <source>Baoshan District, Shanghai · one network to see and manage it all</source>
        <translation>上海市宝山区 · 一网统管</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <extracomment>%1 is the database&apos;s kind and place, e.g. &quot;SQLite · /home/op/youyi.db&quot;</extracomment>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>恢复默认布局(&amp;R)</translation>
    </message>
    <message>
        <source>Message bus: not connected</source>
        <translation>消息总线：未连接</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Open alarms in the grid</source>
        <translation>网格内未关闭告警</translation>
    </message>
</context>
<context>
    <name>MediaPane</name>
    <message>
        <source>No video player here (libVLC is missing)</source>
        <translation>本机无法播放视频（缺少 libVLC）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>One frame on (pauses)</source>
        <translation>逐帧前进（先暂停）</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>As routed</source>
        <translation>按派遣规则</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结案结果</translation>
    </message>
    <message>
        <source>Required: say why or what was done</source>
        <translation>必填：说明原因或处置情况</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>未添加照片</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s): </source>
        <translation>
            <numerusform>%n 张照片：</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos of the result</source>
        <translation>处置结果照片</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>This step needs a note.</source>
        <translation>此步骤需要填写说明。</translation>
    </message>
</context>
<context>
    <name>OrderActionDialog</name>
    <message>
        <source>Level</source>
        <translation>督办级别</translation>
    </message>
    <message>
        <source>To</source>
        <translation>升级至</translation>
    </message>
    <message>
        <source>Required: say why</source>
        <translation>必填：说明原因</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Escalating needs a note saying why.</source>
        <translation>升级须填写原因。</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <source>File and dispatch</source>
        <translation>立案派遣</translation>
    </message>
    <message>
        <source>Supervise…</source>
        <translation>督办…</translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <source>Lift supervision</source>
        <translation>解除督办</translation>
    </message>
    <message>
        <source>Level 1 (by the grid centre)</source>
        <translation>一级督办（网格中心）</translation>
    </message>
    <message>
        <source>Level 2 (by the sub-district)</source>
        <translation>二级督办（街道）</translation>
    </message>
    <message>
        <source>Level 3 (by the district)</source>
        <translation>三级督办（区）</translation>
    </message>
    <message>
        <source>Supervised, level %1</source>
        <translation>%1级督办</translation>
    </message>
    <message>
        <source>Escalated to %1</source>
        <translation>已升级至%1</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <source>File</source>
        <extracomment>The verb on the button of each move&apos;s action (the lifecycle&apos;s table, ``services.domain.MOVES``, says which move is which action).</extracomment>
        <translation>立案</translation>
    </message>
    <message>
        <source>Refuse to file</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退单</translation>
    </message>
    <message>
        <source>File again</source>
        <translation>重新立案</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始处置</translation>
    </message>
    <message>
        <source>Report result</source>
        <translation>反馈结果</translation>
    </message>
    <message>
        <source>Ask for extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复处置</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Verify and close</source>
        <translation>核查结案</translation>
    </message>
    <message>
        <source>Send back for rework</source>
        <translation>退回重办</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>No work order selected</source>
        <translation>未选择工单</translation>
    </message>
    <message>
        <source>Grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>单位 %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <source>Evidence: %1 items</source>
        <translation>证据 %1 件</translation>
    </message>
    <message>
        <source>Open them in the evidence window</source>
        <translation>在证据窗口中查看</translation>
    </message>
    <message>
        <source>Only officers and administrators open evidence</source>
        <translation>只有执法队员和管理员可以查看证据</translation>
    </message>
    <message numerus="yes">
        <source>[%n photo(s)]</source>
        <translation>
            <numerusform>[%n 张照片]</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to see the photos</source>
        <translation>双击查看照片</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>Raise a work order</source>
        <translation>生成工单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>A work order needs a title.</source>
        <translation>工单需要标题。</translation>
    </message>
</context>
<context>
    <name>OrderSource</name>
    <message>
        <source>Operators</source>
        <translation>人工上报</translation>
    </message>
    <message>
        <source>Operators, from an alarm</source>
        <translation>告警转工单</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则自动</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民上报</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Not filed</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退单</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Extended</source>
        <translation>已延期</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Resolved, to verify</source>
        <translation>已反馈待核查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>OrderStep</name>
    <message>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Pictures added</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <source>Near its deadline</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>时限</translation>
    </message>
</context>
<context>
    <name>OrdersChart</name>
    <message>
        <source>Raised</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>积压</translation>
    </message>
</context>
<context>
    <name>OrdersController</name>
    <message>
        <source>Work orders not loaded: %1</source>
        <extracomment>The order, its history, the moves and steps the user may take, its evidence count.</extracomment>
        <translation>工单未能载入：%1</translation>
    </message>
    <message>
        <source>This order was changed at another console; it has been reloaded.</source>
        <translation>此工单已被其他席位修改，已重新载入。</translation>
    </message>
    <message>
        <source>Work order %1 raised</source>
        <translation>已生成工单 %1</translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Fixed</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Not our responsibility</source>
        <translation>非本部门职责</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Unable to fix</source>
        <translation>无法解决</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>请输入两遍新密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>%1: this picture cannot be shown</source>
        <translation>%1：无法显示此图片</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>report</source>
        <comment>the start of a report&apos;s file name (报表)</comment>
        <extracomment>The formats offered, the first the default: (format, its name, the file&apos;s suffix).</extracomment>
        <translation>报表</translation>
    </message>
    <message>
        <source>The first day is after the last one.</source>
        <translation>起始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>A report covers at most %1 days.</source>
        <translation>一份报表最多覆盖 %1 天。</translation>
    </message>
    <message>
        <source>Name the file to write the report to.</source>
        <translation>请指定报表要写入的文件。</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出统计报表</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>结束日期(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Grid cells</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>文件(&amp;I)</translation>
    </message>
    <message>
        <source>None checked: all your grid cells.</source>
        <translation>不勾选：您负责的全部网格。</translation>
    </message>
    <message>
        <source>None checked: the whole district.</source>
        <translation>不勾选：全街道。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
</context>
<context>
    <name>ReportFlow</name>
    <message>
        <source>Report not exported: %1</source>
        <translation>报表未导出：%1</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出统计报表</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报表已写入 %1</translation>
    </message>
    <message>
        <source>The report of %1 … %2 is written to
%3</source>
        <translation>%1 至 %2 的报表已写入
%3</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>报表已导出</translation>
    </message>
    <message>
        <source>Report not exported</source>
        <translation>报表未导出</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Operator</source>
        <translation>值班员</translation>
    </message>
    <message>
        <source>Grid supervisor</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Law-enforcement officer</source>
        <translation>执法队员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SeriesChooser</name>
    <message>
        <source>Most alarms</source>
        <translation>告警最多的传感器</translation>
    </message>
    <message>
        <source>%1 alarms</source>
        <translation>告警 %1 次</translation>
    </message>
    <message>
        <source>Residual current</source>
        <translation>剩余电流</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>近1年</translation>
    </message>
</context>
<context>
    <name>SeriesPlot</name>
    <message>
        <source>No measurements to show</source>
        <translation>暂无监测数据</translation>
    </message>
    <message>
        <source>Threshold %1</source>
        <translation>阈值 %1</translation>
    </message>
    <message>
        <source>Residual current</source>
        <translation>剩余电流</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The database cannot be reached: %1</source>
        <translation>无法连接数据库：%1</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>Video players</source>
        <translation>视频播放</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Default &amp;layout</source>
        <translation>默认布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tour interval</source>
        <translation>轮巡间隔(&amp;T)</translation>
    </message>
    <message>
        <source>RTSP &amp;transport</source>
        <translation>RTSP 传输(&amp;T)</translation>
    </message>
    <message>
        <source>Network &amp;caching</source>
        <translation>网络缓冲(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>声音(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Hardware decoding</source>
        <translation>硬件解码(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Stalled after</source>
        <translation>断流判定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Rendering</source>
        <translation>渲染方式(&amp;R)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Message bus</source>
        <translation>消息总线</translation>
    </message>
    <message>
        <source>Over TCP (through firewalls and NAT)</source>
        <translation>经 TCP 传输（可穿过防火墙和 NAT）</translation>
    </message>
    <message>
        <source>Play the cameras&apos; sound</source>
        <translation>播放摄像机的声音</translation>
    </message>
    <message>
        <source>Use the graphics card where it can decode</source>
        <translation>由显卡解码（显卡支持时）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Into pictures (callbacks)</source>
        <translation>绘入图像（回调）</translation>
    </message>
    <message>
        <source>Native windows</source>
        <translation>原生窗口</translation>
    </message>
    <message>
        <source>Player options apply to video opened from now on (a new page, layout or camera); tiles already playing keep theirs.</source>
        <translation>播放选项对此后打开的视频生效（翻页、换布局或换摄像机时），正在播放的画面不变。</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>（未知）</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>none (the demo&apos;s direct feed)</source>
        <translation>无（演示数据直连）</translation>
    </message>
    <message>
        <source>none (the ingest service listens to the broker)</source>
        <translation>无（由接入服务连接消息总线）</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Choose a grids file or a devices file first.</source>
        <translation>请先选择网格文件或设备文件。</translation>
    </message>
    <message>
        <source>Set up this workstation</source>
        <translation>设置本工作站</translation>
    </message>
    <message>
        <source>Where does this workstation&apos;s console connect?</source>
        <translation>本工作站的操作台连接到哪里？</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Control room</source>
        <translation>指挥大厅(&amp;C)</translation>
    </message>
    <message>
        <source>The demo runs on this computer alone: a SQLite database in your data folder, its own message broker, and the demo district of Youyi Road with simulated devices sending alerts. Nothing is shared with other workstations.</source>
        <translation>演示模式只在本机运行：数据存于您数据文件夹中的 SQLite 数据库，自带消息总线，加载友谊路演示街道，由模拟设备发送告警。不与其他工作站共享任何数据。</translation>
    </message>
    <message>
        <source>&amp;Migrate now…</source>
        <translation>立即升级(&amp;M)…</translation>
    </message>
    <message>
        <source>Import the district (optional)</source>
        <translation>导入街道数据（可选）</translation>
    </message>
    <message>
        <source>Grid cells (GeoJSON)</source>
        <translation>网格（GeoJSON）</translation>
    </message>
    <message>
        <source>Devices and their cameras (CSV, GeoJSON)</source>
        <translation>设备及其摄像头（CSV、GeoJSON）</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Passwords are kept in the system&apos;s keyring (%1), never in a file.</source>
        <translation>密码保存在系统密钥环（%1）中，从不写入文件。</translation>
    </message>
    <message>
        <source>This system has no keyring: the passwords are not saved, and the console asks for them at each start.</source>
        <translation>本系统没有密钥环：密码不会保存，每次启动时询问。</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation>友谊路街道城运中心</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>e.g. wangwei</source>
        <translation>例如 wangwei</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Usable</source>
        <translation>可采用</translation>
    </message>
    <message>
        <source>Not usable</source>
        <translation>不可采用</translation>
    </message>
    <message>
        <source>Needs more</source>
        <translation>需补充</translation>
    </message>
</context>
<context>
    <name>VideoController</name>
    <message>
        <source>Video wall on its own screen</source>
        <extracomment>In its dock beside the map and queue 84 tiles are too small to read: 16 by default there, all 84 on a screen of the wall&apos;s own (F12).</extracomment>
        <translation>视频墙单独一屏</translation>
    </message>
    <message>
        <source>Cameras not loaded: %1</source>
        <translation>摄像机未能加载：%1</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>Snapshot to work order %1</source>
        <translation>截图添加到工单 %1</translation>
    </message>
    <message>
        <source>Save this view as…</source>
        <translation>将此画面另存为…</translation>
    </message>
    <message>
        <source>No picture from %1 yet</source>
        <translation>%1 尚无画面</translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>截图已保存：%1</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存画面</translation>
    </message>
    <message>
        <source>Name of this layout and its cameras:</source>
        <translation>此布局及其摄像机的名称：</translation>
    </message>
    <message>
        <source>View %1 saved</source>
        <translation>画面“%1”已保存</translation>
    </message>
    <message>
        <source>Snapshot attached to %1</source>
        <translation>截图已添加到 %1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>未分配摄像机</translation>
    </message>
    <message>
        <source>libVLC is missing: install %1</source>
        <translation>缺少 libVLC，请安装：%1</translation>
    </message>
    <message>
        <source>libVLC does not start: reinstall %1</source>
        <translation>libVLC 无法启动，请重新安装：%1</translation>
    </message>
    <message>
        <source>No demo clip for this camera</source>
        <translation>此摄像机没有演示视频</translation>
    </message>
    <message>
        <source>No player on this computer can open this stream</source>
        <translation>本机没有能播放此视频流的播放器</translation>
    </message>
    <message>
        <source>Signal lost, reconnecting…</source>
        <translation>信号丢失，正在重连…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Alarm %1 — %2</source>
        <translation>报警 %1 — %2</translation>
    </message>
    <message>
        <source>Alarm %1</source>
        <extracomment>What a dragged camera carries: its id, UTF-8 (several ids: one a line).</extracomment>
        <translation>报警 %1</translation>
    </message>
    <message>
        <source>Click to open the alarm</source>
        <translation>点击查看报警</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>WallBar</name>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>上一页 (PgUp)</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>下一页 (PgDn)</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>Turn the pages by themselves</source>
        <translation>自动翻页</translation>
    </message>
    <message>
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>WorkOrderDesk</name>
    <message>
        <source>%1 raised  ✕</source>
        <extracomment>Widest typical text of each column (the title stretches).</extracomment>
        <translation>%1 上报  ✕</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>My orders</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <source>Every grid</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>Every category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Every priority</source>
        <translation>全部紧急程度</translation>
    </message>
    <message>
        <source>Number or words of the title (Ctrl+F)</source>
        <translation>编号或标题关键字（Ctrl+F）</translation>
    </message>
    <message>
        <source>Orders of every day again</source>
        <translation>重新显示所有日期的工单</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Orders and alarms raised on %1</source>
        <extracomment>Print a line once the window is usable (tests/bench/bench_console.py times it).</extracomment>
        <translation>%1 上报的工单与发生的告警</translation>
    </message>
</context>
<context>
    <name>_CheckedBox</name>
    <message>
        <source>Trying…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
</context>
</TS>
