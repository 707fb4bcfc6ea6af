# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'request_step.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialogButtonBox, QGridLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_RequestStepForm(object):
    def setupUi(self, RequestStepForm):
        if not RequestStepForm.objectName():
            RequestStepForm.setObjectName(u"RequestStepForm")
        RequestStepForm.setMinimumSize(QSize(520, 0))
        self.rootLayout = QVBoxLayout(RequestStepForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.prompt = QLabel(RequestStepForm)
        self.prompt.setObjectName(u"prompt")
        self.prompt.setWordWrap(True)

        self.rootLayout.addWidget(self.prompt)

        self.fields = QGridLayout()
        self.fields.setObjectName(u"fields")
        self.dateLabel = QLabel(RequestStepForm)
        self.dateLabel.setObjectName(u"dateLabel")

        self.fields.addWidget(self.dateLabel, 0, 0, 1, 1)

        self.date = QDateEdit(RequestStepForm)
        self.date.setObjectName(u"date")
        self.date.setCalendarPopup(True)

        self.fields.addWidget(self.date, 0, 1, 1, 1)

        self.daysLabel = QLabel(RequestStepForm)
        self.daysLabel.setObjectName(u"daysLabel")

        self.fields.addWidget(self.daysLabel, 1, 0, 1, 1)

        self.days = QSpinBox(RequestStepForm)
        self.days.setObjectName(u"days")
        self.days.setMinimum(1)
        self.days.setMaximum(60)

        self.fields.addWidget(self.days, 1, 1, 1, 1)

        self.partyLabel = QLabel(RequestStepForm)
        self.partyLabel.setObjectName(u"partyLabel")

        self.fields.addWidget(self.partyLabel, 2, 0, 1, 1)

        self.party = QLineEdit(RequestStepForm)
        self.party.setObjectName(u"party")
        self.party.setMaxLength(200)

        self.fields.addWidget(self.party, 2, 1, 1, 1)

        self.outcomeLabel = QLabel(RequestStepForm)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.fields.addWidget(self.outcomeLabel, 3, 0, 1, 1)

        self.outcome = QComboBox(RequestStepForm)
        self.outcome.setObjectName(u"outcome")

        self.fields.addWidget(self.outcome, 3, 1, 1, 1)

        self.noteLabel = QLabel(RequestStepForm)
        self.noteLabel.setObjectName(u"noteLabel")

        self.fields.addWidget(self.noteLabel, 4, 0, 1, 1)

        self.note = QPlainTextEdit(RequestStepForm)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumSize(QSize(16777215, 110))

        self.fields.addWidget(self.note, 4, 1, 1, 1)


        self.rootLayout.addLayout(self.fields)

        self.rule = QLabel(RequestStepForm)
        self.rule.setObjectName(u"rule")
        self.rule.setWordWrap(True)

        self.rootLayout.addWidget(self.rule)

        self.printAfter = QCheckBox(RequestStepForm)
        self.printAfter.setObjectName(u"printAfter")
        self.printAfter.setChecked(True)

        self.rootLayout.addWidget(self.printAfter)

        self.errorLabel = QLabel(RequestStepForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(RequestStepForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.rootLayout.addWidget(self.buttons)


        self.retranslateUi(RequestStepForm)

        QMetaObject.connectSlotsByName(RequestStepForm)
    # setupUi

    def retranslateUi(self, RequestStepForm):
        self.prompt.setText("")
        self.dateLabel.setText(QCoreApplication.translate("RequestStepForm", u"\u65e5\u671f\uff1a", None))
        self.date.setDisplayFormat(QCoreApplication.translate("RequestStepForm", u"yyyy-MM-dd", None))
        self.daysLabel.setText(QCoreApplication.translate("RequestStepForm", u"\u5de5\u4f5c\u65e5\u6570\uff1a", None))
        self.days.setSuffix(QCoreApplication.translate("RequestStepForm", u" \u4e2a\u5de5\u4f5c\u65e5", None))
        self.partyLabel.setText(QCoreApplication.translate("RequestStepForm", u"\u7b2c\u4e09\u65b9\uff1a", None))
        self.outcomeLabel.setText(QCoreApplication.translate("RequestStepForm", u"\u529e\u7406\u7ed3\u679c\uff1a", None))
        self.noteLabel.setText(QCoreApplication.translate("RequestStepForm", u"\u8bf4\u660e\uff1a", None))
        self.note.setPlaceholderText("")
        self.rule.setText("")
        self.printAfter.setText(QCoreApplication.translate("RequestStepForm", u"\u4fdd\u5b58\u540e\u9884\u89c8\u5e76\u6253\u5370\u6587\u4e66", None))
        self.errorLabel.setText("")
        pass
    # retranslateUi

