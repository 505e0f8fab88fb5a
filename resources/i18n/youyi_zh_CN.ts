<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation>友谊路街道城运中心</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>84 community cameras at a glance — arrives with the video wall release</source>
        <translation>84 个小区探头一屏观全域 —— 随视频墙版本上线</translation>
    </message>
    <message>
        <source>Nine-grid map</source>
        <translation>九宫格地图</translation>
    </message>
    <message>
        <source>Blocks, grid cells, devices and live alerts — arrives with the map release</source>
        <translation>街区、网格、设备与实时告警 —— 随地图版本上线</translation>
    </message>
    <message>
        <source>Alert queue</source>
        <translation>告警队列</translation>
    </message>
    <message>
        <source>Newest and most severe alerts first — arrives with the alert release</source>
        <translation>最新、最严重的告警排在最前 —— 随告警版本上线</translation>
    </message>
    <message>
        <source>Work-order desk</source>
        <translation>工单台</translation>
    </message>
    <message>
        <source>Raise, dispatch and close work orders — arrives with the desk release</source>
        <translation>上报、派遣、结案 —— 随工单台版本上线</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Message bus: not connected</source>
        <translation>消息总线：未连接</translation>
    </message>
    <message>
        <source>Youyi Road Sub-district Operations Center console, version %1</source>
        <translation>友谊路街道城运中心操作台，版本 %1</translation>
    </message>
</context>
</TS>