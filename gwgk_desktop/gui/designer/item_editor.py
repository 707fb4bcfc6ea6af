# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'item_editor.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTabWidget, QTableWidget, QTableWidgetItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_ItemEditorForm(object):
    def setupUi(self, ItemEditorForm):
        if not ItemEditorForm.objectName():
            ItemEditorForm.setObjectName(u"ItemEditorForm")
        self.rootLayout = QVBoxLayout(ItemEditorForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.title = QLabel(ItemEditorForm)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.rootLayout.addWidget(self.title)

        self.meta = QLabel(ItemEditorForm)
        self.meta.setObjectName(u"meta")
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.rootLayout.addWidget(self.meta)

        self.banner = QLabel(ItemEditorForm)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)

        self.rootLayout.addWidget(self.banner)

        self.problems = QLabel(ItemEditorForm)
        self.problems.setObjectName(u"problems")
        self.problems.setWordWrap(True)

        self.rootLayout.addWidget(self.problems)

        self.editBar = QHBoxLayout()
        self.editBar.setObjectName(u"editBar")
        self.saveButton = QPushButton(ItemEditorForm)
        self.saveButton.setObjectName(u"saveButton")

        self.editBar.addWidget(self.saveButton)

        self.deleteButton = QPushButton(ItemEditorForm)
        self.deleteButton.setObjectName(u"deleteButton")

        self.editBar.addWidget(self.deleteButton)

        self.restoreButton = QPushButton(ItemEditorForm)
        self.restoreButton.setObjectName(u"restoreButton")

        self.editBar.addWidget(self.restoreButton)

        self.editSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.editBar.addItem(self.editSpacer)

        self.liveButton = QPushButton(ItemEditorForm)
        self.liveButton.setObjectName(u"liveButton")

        self.editBar.addWidget(self.liveButton)


        self.rootLayout.addLayout(self.editBar)

        self.workflowBar = QHBoxLayout()
        self.workflowBar.setObjectName(u"workflowBar")
        self.workflowLabel = QLabel(ItemEditorForm)
        self.workflowLabel.setObjectName(u"workflowLabel")

        self.workflowBar.addWidget(self.workflowLabel)

        self.submitButton = QPushButton(ItemEditorForm)
        self.submitButton.setObjectName(u"submitButton")

        self.workflowBar.addWidget(self.submitButton)

        self.retractButton = QPushButton(ItemEditorForm)
        self.retractButton.setObjectName(u"retractButton")

        self.workflowBar.addWidget(self.retractButton)

        self.approveButton = QPushButton(ItemEditorForm)
        self.approveButton.setObjectName(u"approveButton")

        self.workflowBar.addWidget(self.approveButton)

        self.returnButton = QPushButton(ItemEditorForm)
        self.returnButton.setObjectName(u"returnButton")

        self.workflowBar.addWidget(self.returnButton)

        self.publishButton = QPushButton(ItemEditorForm)
        self.publishButton.setObjectName(u"publishButton")

        self.workflowBar.addWidget(self.publishButton)

        self.withdrawButton = QPushButton(ItemEditorForm)
        self.withdrawButton.setObjectName(u"withdrawButton")

        self.workflowBar.addWidget(self.withdrawButton)

        self.workflowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.workflowBar.addItem(self.workflowSpacer)


        self.rootLayout.addLayout(self.workflowBar)

        self.tabs = QTabWidget(ItemEditorForm)
        self.tabs.setObjectName(u"tabs")
        self.basicPage = QWidget()
        self.basicPage.setObjectName(u"basicPage")
        self.basicLayout = QVBoxLayout(self.basicPage)
        self.basicLayout.setObjectName(u"basicLayout")
        self.basicScroll = QScrollArea(self.basicPage)
        self.basicScroll.setObjectName(u"basicScroll")
        self.basicScroll.setWidgetResizable(True)
        self.basicScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.basicHost = QWidget()
        self.basicHost.setObjectName(u"basicHost")
        self.basicScroll.setWidget(self.basicHost)

        self.basicLayout.addWidget(self.basicScroll)

        self.tabs.addTab(self.basicPage, "")
        self.guidePage = QWidget()
        self.guidePage.setObjectName(u"guidePage")
        self.guideLayout = QVBoxLayout(self.guidePage)
        self.guideLayout.setObjectName(u"guideLayout")
        self.guideScroll = QScrollArea(self.guidePage)
        self.guideScroll.setObjectName(u"guideScroll")
        self.guideScroll.setWidgetResizable(True)
        self.guideScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.guideHost = QWidget()
        self.guideHost.setObjectName(u"guideHost")
        self.guideScroll.setWidget(self.guideHost)

        self.guideLayout.addWidget(self.guideScroll)

        self.tabs.addTab(self.guidePage, "")
        self.materialsPage = QWidget()
        self.materialsPage.setObjectName(u"materialsPage")
        self.materialsLayout = QVBoxLayout(self.materialsPage)
        self.materialsLayout.setObjectName(u"materialsLayout")
        self.materialsHint = QLabel(self.materialsPage)
        self.materialsHint.setObjectName(u"materialsHint")
        self.materialsHint.setWordWrap(True)

        self.materialsLayout.addWidget(self.materialsHint)

        self.materialsRow = QHBoxLayout()
        self.materialsRow.setObjectName(u"materialsRow")
        self.materialsTable = QTableWidget(self.materialsPage)
        if (self.materialsTable.columnCount() < 6):
            self.materialsTable.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.materialsTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.materialsTable.setObjectName(u"materialsTable")
        self.materialsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.materialsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.materialsTable.setAlternatingRowColors(True)

        self.materialsRow.addWidget(self.materialsTable)

        self.materialsButtons = QVBoxLayout()
        self.materialsButtons.setObjectName(u"materialsButtons")
        self.materialAdd = QPushButton(self.materialsPage)
        self.materialAdd.setObjectName(u"materialAdd")

        self.materialsButtons.addWidget(self.materialAdd)

        self.materialRemove = QPushButton(self.materialsPage)
        self.materialRemove.setObjectName(u"materialRemove")

        self.materialsButtons.addWidget(self.materialRemove)

        self.materialUp = QPushButton(self.materialsPage)
        self.materialUp.setObjectName(u"materialUp")

        self.materialsButtons.addWidget(self.materialUp)

        self.materialDown = QPushButton(self.materialsPage)
        self.materialDown.setObjectName(u"materialDown")

        self.materialsButtons.addWidget(self.materialDown)

        self.sampleChoose = QPushButton(self.materialsPage)
        self.sampleChoose.setObjectName(u"sampleChoose")

        self.materialsButtons.addWidget(self.sampleChoose)

        self.sampleOpen = QPushButton(self.materialsPage)
        self.sampleOpen.setObjectName(u"sampleOpen")

        self.materialsButtons.addWidget(self.sampleOpen)

        self.sampleClear = QPushButton(self.materialsPage)
        self.sampleClear.setObjectName(u"sampleClear")

        self.materialsButtons.addWidget(self.sampleClear)

        self.materialsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.materialsButtons.addItem(self.materialsSpacer)


        self.materialsRow.addLayout(self.materialsButtons)


        self.materialsLayout.addLayout(self.materialsRow)

        self.materialsError = QLabel(self.materialsPage)
        self.materialsError.setObjectName(u"materialsError")
        self.materialsError.setWordWrap(True)

        self.materialsLayout.addWidget(self.materialsError)

        self.tabs.addTab(self.materialsPage, "")
        self.feesPage = QWidget()
        self.feesPage.setObjectName(u"feesPage")
        self.feesLayout = QVBoxLayout(self.feesPage)
        self.feesLayout.setObjectName(u"feesLayout")
        self.feesHint = QLabel(self.feesPage)
        self.feesHint.setObjectName(u"feesHint")
        self.feesHint.setWordWrap(True)

        self.feesLayout.addWidget(self.feesHint)

        self.feeList = QListWidget(self.feesPage)
        self.feeList.setObjectName(u"feeList")

        self.feesLayout.addWidget(self.feeList)

        self.feesEmpty = QLabel(self.feesPage)
        self.feesEmpty.setObjectName(u"feesEmpty")
        self.feesEmpty.setWordWrap(True)

        self.feesLayout.addWidget(self.feesEmpty)

        self.tabs.addTab(self.feesPage, "")
        self.flowchartPage = QWidget()
        self.flowchartPage.setObjectName(u"flowchartPage")
        self.flowchartLayout = QVBoxLayout(self.flowchartPage)
        self.flowchartLayout.setObjectName(u"flowchartLayout")
        self.flowchartHost = QWidget(self.flowchartPage)
        self.flowchartHost.setObjectName(u"flowchartHost")

        self.flowchartLayout.addWidget(self.flowchartHost)

        self.tabs.addTab(self.flowchartPage, "")
        self.attachmentsPage = QWidget()
        self.attachmentsPage.setObjectName(u"attachmentsPage")
        self.attachmentsLayout = QVBoxLayout(self.attachmentsPage)
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachmentTable = QTableWidget(self.attachmentsPage)
        if (self.attachmentTable.columnCount() < 4):
            self.attachmentTable.setColumnCount(4)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.attachmentTable.setHorizontalHeaderItem(0, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.attachmentTable.setHorizontalHeaderItem(1, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.attachmentTable.setHorizontalHeaderItem(2, __qtablewidgetitem8)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.attachmentTable.setHorizontalHeaderItem(3, __qtablewidgetitem9)
        self.attachmentTable.setObjectName(u"attachmentTable")
        self.attachmentTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attachmentTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attachmentTable.setAlternatingRowColors(True)

        self.attachmentsLayout.addWidget(self.attachmentTable)

        self.attachmentsError = QLabel(self.attachmentsPage)
        self.attachmentsError.setObjectName(u"attachmentsError")
        self.attachmentsError.setWordWrap(True)

        self.attachmentsLayout.addWidget(self.attachmentsError)

        self.attachmentButtons = QHBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.attachmentAdd = QPushButton(self.attachmentsPage)
        self.attachmentAdd.setObjectName(u"attachmentAdd")

        self.attachmentButtons.addWidget(self.attachmentAdd)

        self.attachmentOpen = QPushButton(self.attachmentsPage)
        self.attachmentOpen.setObjectName(u"attachmentOpen")

        self.attachmentButtons.addWidget(self.attachmentOpen)

        self.attachmentRemove = QPushButton(self.attachmentsPage)
        self.attachmentRemove.setObjectName(u"attachmentRemove")

        self.attachmentButtons.addWidget(self.attachmentRemove)

        self.attachmentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachmentButtons.addItem(self.attachmentSpacer)


        self.attachmentsLayout.addLayout(self.attachmentButtons)

        self.tabs.addTab(self.attachmentsPage, "")
        self.historyPage = QWidget()
        self.historyPage.setObjectName(u"historyPage")
        self.historyLayout = QVBoxLayout(self.historyPage)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyTree = QTreeWidget(self.historyPage)
        self.historyTree.setObjectName(u"historyTree")
        self.historyTree.setAlternatingRowColors(True)
        self.historyTree.setUniformRowHeights(False)

        self.historyLayout.addWidget(self.historyTree)

        self.tabs.addTab(self.historyPage, "")

        self.rootLayout.addWidget(self.tabs)


        self.retranslateUi(ItemEditorForm)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ItemEditorForm)
    # setupUi

    def retranslateUi(self, ItemEditorForm):
        self.title.setText(QCoreApplication.translate("ItemEditorForm", u"\u672a\u6253\u5f00\u4e8b\u9879", None))
        self.meta.setText("")
        self.banner.setText("")
        self.problems.setText("")
        self.saveButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u4fdd\u5b58", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("ItemEditorForm", u"\u4fdd\u5b58\u4fee\u6539\uff08Ctrl+S\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u5220\u9664", None))
        self.restoreButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u4ece\u56de\u6536\u7ad9\u6062\u590d", None))
        self.liveButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u67e5\u770b\u5728\u7528\u7248\u672c", None))
        self.workflowLabel.setText(QCoreApplication.translate("ItemEditorForm", u"\u5ba1\u6838\uff1a", None))
        self.submitButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u63d0\u4ea4\u5ba1\u6838", None))
        self.retractButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u53d6\u56de\u4fee\u6539", None))
        self.approveButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u5ba1\u6838\u901a\u8fc7", None))
        self.returnButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u9000\u56de\u4fee\u6539\u2026", None))
        self.publishButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u516c\u5f00\u2026", None))
        self.withdrawButton.setText(QCoreApplication.translate("ItemEditorForm", u"\u64a4\u56de\u516c\u5f00\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.basicPage), QCoreApplication.translate("ItemEditorForm", u"\u57fa\u672c\u4fe1\u606f", None))
        self.tabs.setTabText(self.tabs.indexOf(self.guidePage), QCoreApplication.translate("ItemEditorForm", u"\u529e\u4e8b\u6307\u5357", None))
        self.materialsHint.setText(QCoreApplication.translate("ItemEditorForm", u"\u5217\u51fa\u7533\u8bf7\u4eba\u9700\u8981\u63d0\u4ea4\u7684\u5168\u90e8\u6750\u6599\u3002\u201c\u7533\u62a5\u8303\u672c\u201d\u53ef\u9644\u4e0a\u586b\u5199\u793a\u8303\uff08\u7533\u8bf7\u4e66\u793a\u8303\u6587\u672c\uff09\u3002", None))
        ___qtablewidgetitem = self.materialsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ItemEditorForm", u"\u6750\u6599\u540d\u79f0", None));
        ___qtablewidgetitem1 = self.materialsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ItemEditorForm", u"\u4efd\u6570", None));
        ___qtablewidgetitem2 = self.materialsTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ItemEditorForm", u"\u539f\u4ef6/\u590d\u5370\u4ef6", None));
        ___qtablewidgetitem3 = self.materialsTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ItemEditorForm", u"\u5fc5\u987b\u63d0\u4ea4", None));
        ___qtablewidgetitem4 = self.materialsTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ItemEditorForm", u"\u5907\u6ce8", None));
        ___qtablewidgetitem5 = self.materialsTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ItemEditorForm", u"\u7533\u62a5\u8303\u672c", None));
        self.materialAdd.setText(QCoreApplication.translate("ItemEditorForm", u"\u6dfb\u52a0", None))
        self.materialRemove.setText(QCoreApplication.translate("ItemEditorForm", u"\u5220\u9664", None))
        self.materialUp.setText(QCoreApplication.translate("ItemEditorForm", u"\u4e0a\u79fb", None))
        self.materialDown.setText(QCoreApplication.translate("ItemEditorForm", u"\u4e0b\u79fb", None))
        self.sampleChoose.setText(QCoreApplication.translate("ItemEditorForm", u"\u9644\u4e0a\u8303\u672c\u2026", None))
        self.sampleOpen.setText(QCoreApplication.translate("ItemEditorForm", u"\u6253\u5f00\u8303\u672c", None))
        self.sampleClear.setText(QCoreApplication.translate("ItemEditorForm", u"\u53bb\u6389\u8303\u672c", None))
        self.materialsError.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.materialsPage), QCoreApplication.translate("ItemEditorForm", u"\u7533\u8bf7\u6750\u6599", None))
        self.feesHint.setText(QCoreApplication.translate("ItemEditorForm", u"\u52fe\u9009\u529e\u7406\u672c\u4e8b\u9879\u65f6\u6536\u53d6\u7684\u8d39\u7528\uff08\u6536\u8d39\u4e8b\u9879\u5728\u201c\u6536\u8d39\u4e8b\u9879\u201d\u5206\u7c7b\u4e2d\u7ef4\u62a4\uff09\u3002", None))
        self.feesEmpty.setText(QCoreApplication.translate("ItemEditorForm", u"\u672c\u5355\u4f4d\u8fd8\u6ca1\u6709\u6536\u8d39\u4e8b\u9879\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.feesPage), QCoreApplication.translate("ItemEditorForm", u"\u6536\u8d39\u4e8b\u9879", None))
        self.tabs.setTabText(self.tabs.indexOf(self.flowchartPage), QCoreApplication.translate("ItemEditorForm", u"\u6d41\u7a0b\u56fe", None))
        ___qtablewidgetitem6 = self.attachmentTable.horizontalHeaderItem(0)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("ItemEditorForm", u"\u6587\u4ef6\u540d", None));
        ___qtablewidgetitem7 = self.attachmentTable.horizontalHeaderItem(1)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("ItemEditorForm", u"\u5927\u5c0f", None));
        ___qtablewidgetitem8 = self.attachmentTable.horizontalHeaderItem(2)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("ItemEditorForm", u"\u7c7b\u578b", None));
        ___qtablewidgetitem9 = self.attachmentTable.horizontalHeaderItem(3)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("ItemEditorForm", u"\u8bf4\u660e", None));
        self.attachmentsError.setText("")
        self.attachmentAdd.setText(QCoreApplication.translate("ItemEditorForm", u"\u6dfb\u52a0\u9644\u4ef6\u2026", None))
        self.attachmentOpen.setText(QCoreApplication.translate("ItemEditorForm", u"\u6253\u5f00", None))
        self.attachmentRemove.setText(QCoreApplication.translate("ItemEditorForm", u"\u5220\u9664\u9644\u4ef6", None))
        self.tabs.setTabText(self.tabs.indexOf(self.attachmentsPage), QCoreApplication.translate("ItemEditorForm", u"\u9644\u4ef6", None))
        ___qtreewidgetitem = self.historyTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ItemEditorForm", u"\u8bf4\u660e", None));
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ItemEditorForm", u"\u64cd\u4f5c", None));
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ItemEditorForm", u"\u64cd\u4f5c\u5458", None));
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ItemEditorForm", u"\u65f6\u95f4", None));
        self.tabs.setTabText(self.tabs.indexOf(self.historyPage), QCoreApplication.translate("ItemEditorForm", u"\u5386\u53f2\u8bb0\u5f55", None))
        pass
    # retranslateUi

