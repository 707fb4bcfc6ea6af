# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'workbench.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFrame, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QToolButton, QTreeView,
    QVBoxLayout, QWidget)

class Ui_WorkbenchForm(object):
    def setupUi(self, WorkbenchForm):
        if not WorkbenchForm.objectName():
            WorkbenchForm.setObjectName(u"WorkbenchForm")
        self.rootLayout = QVBoxLayout(WorkbenchForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.splitter = QSplitter(WorkbenchForm)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.categoryTree = QTreeView(self.splitter)
        self.categoryTree.setObjectName(u"categoryTree")
        self.categoryTree.setRootIsDecorated(False)
        self.categoryTree.setUniformRowHeights(True)
        self.categoryTree.setAlternatingRowColors(False)
        self.splitter.addWidget(self.categoryTree)
        self.centerPane = QWidget(self.splitter)
        self.centerPane.setObjectName(u"centerPane")
        self.centerLayout = QVBoxLayout(self.centerPane)
        self.centerLayout.setObjectName(u"centerLayout")
        self.centerLayout.setContentsMargins(0, 0, 0, 0)
        self.filterText = QLineEdit(self.centerPane)
        self.filterText.setObjectName(u"filterText")
        self.filterText.setClearButtonEnabled(True)

        self.centerLayout.addWidget(self.filterText)

        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")
        self.statusFilter = QComboBox(self.centerPane)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filterBar.addWidget(self.statusFilter)

        self.levelFilter = QComboBox(self.centerPane)
        self.levelFilter.setObjectName(u"levelFilter")

        self.filterBar.addWidget(self.levelFilter)

        self.overdueFilter = QCheckBox(self.centerPane)
        self.overdueFilter.setObjectName(u"overdueFilter")

        self.filterBar.addWidget(self.overdueFilter)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterBar.addItem(self.filterSpacer)

        self.countLabel = QLabel(self.centerPane)
        self.countLabel.setObjectName(u"countLabel")

        self.filterBar.addWidget(self.countLabel)


        self.centerLayout.addLayout(self.filterBar)

        self.infoBar = QFrame(self.centerPane)
        self.infoBar.setObjectName(u"infoBar")
        self.infoBar.setFrameShape(QFrame.Shape.StyledPanel)
        self.infoLayout = QHBoxLayout(self.infoBar)
        self.infoLayout.setObjectName(u"infoLayout")
        self.infoText = QLabel(self.infoBar)
        self.infoText.setObjectName(u"infoText")
        self.infoText.setWordWrap(True)

        self.infoLayout.addWidget(self.infoText)

        self.infoUndo = QPushButton(self.infoBar)
        self.infoUndo.setObjectName(u"infoUndo")

        self.infoLayout.addWidget(self.infoUndo)

        self.infoClose = QToolButton(self.infoBar)
        self.infoClose.setObjectName(u"infoClose")

        self.infoLayout.addWidget(self.infoClose)


        self.centerLayout.addWidget(self.infoBar)

        self.itemTable = QTableView(self.centerPane)
        self.itemTable.setObjectName(u"itemTable")
        self.itemTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.itemTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemTable.setAlternatingRowColors(True)
        self.itemTable.setWordWrap(False)
        self.itemTable.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.itemTable.setTabKeyNavigation(False)

        self.centerLayout.addWidget(self.itemTable)

        self.splitter.addWidget(self.centerPane)
        self.editorHost = QWidget(self.splitter)
        self.editorHost.setObjectName(u"editorHost")
        self.splitter.addWidget(self.editorHost)

        self.rootLayout.addWidget(self.splitter)

        QWidget.setTabOrder(self.categoryTree, self.filterText)
        QWidget.setTabOrder(self.filterText, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.levelFilter)
        QWidget.setTabOrder(self.levelFilter, self.overdueFilter)
        QWidget.setTabOrder(self.overdueFilter, self.itemTable)

        self.retranslateUi(WorkbenchForm)

        QMetaObject.connectSlotsByName(WorkbenchForm)
    # setupUi

    def retranslateUi(self, WorkbenchForm):
        self.filterText.setPlaceholderText(QCoreApplication.translate("WorkbenchForm", u"\u67e5\u627e\u540d\u79f0\u3001\u5185\u5bb9\u3001\u4f9d\u636e\u6216\u7d22\u5f15\u53f7\uff08Ctrl+F\uff09", None))
#if QT_CONFIG(tooltip)
        self.statusFilter.setToolTip(QCoreApplication.translate("WorkbenchForm", u"\u6309\u72b6\u6001\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.levelFilter.setToolTip(QCoreApplication.translate("WorkbenchForm", u"\u6309\u516c\u5f00\u5c42\u7ea7\u7b5b\u9009", None))
#endif // QT_CONFIG(tooltip)
        self.overdueFilter.setText(QCoreApplication.translate("WorkbenchForm", u"\u903e\u671f\u672a\u66f4\u65b0", None))
#if QT_CONFIG(tooltip)
        self.overdueFilter.setToolTip(QCoreApplication.translate("WorkbenchForm", u"\u53ea\u770b\u201c\u4e0b\u6b21\u66f4\u65b0\u65e5\u671f\u201d\u5df2\u8fc7\u7684\u4e8b\u9879", None))
#endif // QT_CONFIG(tooltip)
        self.countLabel.setText("")
        self.infoText.setText("")
        self.infoUndo.setText(QCoreApplication.translate("WorkbenchForm", u"\u64a4\u9500\u5220\u9664", None))
        self.infoClose.setText(QCoreApplication.translate("WorkbenchForm", u"\u00d7", None))
#if QT_CONFIG(tooltip)
        self.infoClose.setToolTip(QCoreApplication.translate("WorkbenchForm", u"\u5173\u95ed\u63d0\u793a", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

