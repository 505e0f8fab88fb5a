<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Docks</name>
    <message>
        <source>Video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>84 community cameras at a glance — arrives with the video wall release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine-grid map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks, grid cells, devices and live alerts — arrives with the map release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest and most severe alerts first — arrives with the alert release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-order desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File, dispatch and close work orders — arrives with the work-order release</source>
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
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
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
</TS>
