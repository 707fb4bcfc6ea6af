# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recovery_form.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_RecoveryForm(object):
    def setupUi(self, RecoveryForm):
        if not RecoveryForm.objectName():
            RecoveryForm.setObjectName(u"RecoveryForm")
        RecoveryForm.setMinimumSize(QSize(560, 260))
        self.rootLayout = QVBoxLayout(RecoveryForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.intro = QLabel(RecoveryForm)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.rootLayout.addWidget(self.intro)

        self.draftTable = QTableWidget(RecoveryForm)
        if (self.draftTable.columnCount() < 4):
            self.draftTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.draftTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.draftTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.draftTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.draftTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.draftTable.setObjectName(u"draftTable")
        self.draftTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.draftTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.draftTable.setAlternatingRowColors(True)

        self.rootLayout.addWidget(self.draftTable)

        self.buttonsRow = QHBoxLayout()
        self.buttonsRow.setObjectName(u"buttonsRow")
        self.recoverButton = QPushButton(RecoveryForm)
        self.recoverButton.setObjectName(u"recoverButton")

        self.buttonsRow.addWidget(self.recoverButton)

        self.discardButton = QPushButton(RecoveryForm)
        self.discardButton.setObjectName(u"discardButton")

        self.buttonsRow.addWidget(self.discardButton)

        self.recoverySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsRow.addItem(self.recoverySpacer)

        self.laterButton = QPushButton(RecoveryForm)
        self.laterButton.setObjectName(u"laterButton")

        self.buttonsRow.addWidget(self.laterButton)


        self.rootLayout.addLayout(self.buttonsRow)


        self.retranslateUi(RecoveryForm)

        QMetaObject.connectSlotsByName(RecoveryForm)
    # setupUi

    def retranslateUi(self, RecoveryForm):
        self.intro.setText(QCoreApplication.translate("RecoveryForm", u"\u4e0a\u6b21\u5173\u95ed\u7a0b\u5e8f\u65f6\u6709\u5c1a\u672a\u4fdd\u5b58\u7684\u7f16\u8f91\uff08\u53ef\u80fd\u662f\u505c\u7535\u6216\u7a0b\u5e8f\u610f\u5916\u9000\u51fa\uff09\u3002\u81ea\u52a8\u4fdd\u5b58\u7684\u5185\u5bb9\u5982\u4e0b\uff0c\u8bf7\u9009\u62e9\u6062\u590d\u8fd8\u662f\u4e22\u5f03\uff1a", None))
        ___qtablewidgetitem = self.draftTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("RecoveryForm", u"\u4e8b\u9879", None));
        ___qtablewidgetitem1 = self.draftTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("RecoveryForm", u"\u7c7b\u578b", None));
        ___qtablewidgetitem2 = self.draftTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("RecoveryForm", u"\u81ea\u52a8\u4fdd\u5b58\u65f6\u95f4", None));
        ___qtablewidgetitem3 = self.draftTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("RecoveryForm", u"\u8bf4\u660e", None));
        self.recoverButton.setText(QCoreApplication.translate("RecoveryForm", u"\u6062\u590d\u6240\u9009", None))
        self.discardButton.setText(QCoreApplication.translate("RecoveryForm", u"\u4e22\u5f03\u6240\u9009\u2026", None))
        self.laterButton.setText(QCoreApplication.translate("RecoveryForm", u"\u4ee5\u540e\u518d\u8bf4", None))
        pass
    # retranslateUi

