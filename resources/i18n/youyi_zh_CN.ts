<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Docks</name>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>84 community cameras at a glance — arrives with the video wall release</source>
        <translation>84 个小区摄像头一屏总览——随视频墙版本上线</translation>
    </message>
    <message>
        <source>Nine-grid map</source>
        <translation>九宫格地图</translation>
    </message>
    <message>
        <source>Blocks, grid cells, devices and live alerts — arrives with the map release</source>
        <translation>街区、网格、设备与实时告警——随地图版本上线</translation>
    </message>
    <message>
        <source>Alert queue</source>
        <translation>告警队列</translation>
    </message>
    <message>
        <source>Newest and most severe alerts first — arrives with the alert release</source>
        <translation>最新、最紧急的告警优先显示——随告警版本上线</translation>
    </message>
    <message>
        <source>Work-order desk</source>
        <translation>工单台</translation>
    </message>
    <message>
        <source>File, dispatch and close work orders — arrives with the work-order release</source>
        <translation>工单立案、派单与结案——随工单版本上线</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Youyi Road Sub-district Operations Center</source>
        <translation>友谊路街道城运中心</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
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
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
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
</TS>
