<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that Qt's zh_CN translation (qtbase_zh_CN.qm) leaves in English,
     found in the dialogs this application opens (the file dialog's 类型 column). Loaded
     after qtbase_zh_CN by gwgk_desktop/gui/application.py; compiled to the .qm beside it by
     tools/update_translations.py. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Drive</source>
            <translation>驱动器</translation>
        </message>
        <message>
            <source>%1 File</source>
            <translation>%1 文件</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Directory</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>快捷方式</translation>
        </message>
        <message>
            <source>Alias</source>
            <translation>替身</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
    </context>
</TS>
