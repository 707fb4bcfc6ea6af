# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'request_form.ui'
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
    QDateEdit, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_RequestForm(object):
    def setupUi(self, RequestForm):
        if not RequestForm.objectName():
            RequestForm.setObjectName(u"RequestForm")
        self.rootLayout = QVBoxLayout(RequestForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.applicantBox = QGroupBox(RequestForm)
        self.applicantBox.setObjectName(u"applicantBox")
        self.applicantLayout = QGridLayout(self.applicantBox)
        self.applicantLayout.setObjectName(u"applicantLayout")
        self.applicantTypeLabel = QLabel(self.applicantBox)
        self.applicantTypeLabel.setObjectName(u"applicantTypeLabel")

        self.applicantLayout.addWidget(self.applicantTypeLabel, 0, 0, 1, 1)

        self.applicantType = QComboBox(self.applicantBox)
        self.applicantType.setObjectName(u"applicantType")

        self.applicantLayout.addWidget(self.applicantType, 0, 1, 1, 1)

        self.applicantLabel = QLabel(self.applicantBox)
        self.applicantLabel.setObjectName(u"applicantLabel")

        self.applicantLayout.addWidget(self.applicantLabel, 1, 0, 1, 1)

        self.applicant = QLineEdit(self.applicantBox)
        self.applicant.setObjectName(u"applicant")
        self.applicant.setMaxLength(200)

        self.applicantLayout.addWidget(self.applicant, 1, 1, 1, 1)

        self.idNumberLabel = QLabel(self.applicantBox)
        self.idNumberLabel.setObjectName(u"idNumberLabel")

        self.applicantLayout.addWidget(self.idNumberLabel, 2, 0, 1, 1)

        self.idNumber = QLineEdit(self.applicantBox)
        self.idNumber.setObjectName(u"idNumber")
        self.idNumber.setMaxLength(200)

        self.applicantLayout.addWidget(self.idNumber, 2, 1, 1, 1)

        self.agentLabel = QLabel(self.applicantBox)
        self.agentLabel.setObjectName(u"agentLabel")

        self.applicantLayout.addWidget(self.agentLabel, 3, 0, 1, 1)

        self.agent = QLineEdit(self.applicantBox)
        self.agent.setObjectName(u"agent")
        self.agent.setMaxLength(200)

        self.applicantLayout.addWidget(self.agent, 3, 1, 1, 1)

        self.phoneLabel = QLabel(self.applicantBox)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.applicantLayout.addWidget(self.phoneLabel, 4, 0, 1, 1)

        self.phone = QLineEdit(self.applicantBox)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(200)

        self.applicantLayout.addWidget(self.phone, 4, 1, 1, 1)

        self.addressLabel = QLabel(self.applicantBox)
        self.addressLabel.setObjectName(u"addressLabel")

        self.applicantLayout.addWidget(self.addressLabel, 5, 0, 1, 1)

        self.address = QLineEdit(self.applicantBox)
        self.address.setObjectName(u"address")

        self.applicantLayout.addWidget(self.address, 5, 1, 1, 1)

        self.postcodeLabel = QLabel(self.applicantBox)
        self.postcodeLabel.setObjectName(u"postcodeLabel")

        self.applicantLayout.addWidget(self.postcodeLabel, 6, 0, 1, 1)

        self.postcode = QLineEdit(self.applicantBox)
        self.postcode.setObjectName(u"postcode")
        self.postcode.setMaxLength(6)

        self.applicantLayout.addWidget(self.postcode, 6, 1, 1, 1)

        self.emailLabel = QLabel(self.applicantBox)
        self.emailLabel.setObjectName(u"emailLabel")

        self.applicantLayout.addWidget(self.emailLabel, 7, 0, 1, 1)

        self.email = QLineEdit(self.applicantBox)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(200)

        self.applicantLayout.addWidget(self.email, 7, 1, 1, 1)


        self.columns.addWidget(self.applicantBox)

        self.requestBox = QGroupBox(RequestForm)
        self.requestBox.setObjectName(u"requestBox")
        self.requestLayout = QGridLayout(self.requestBox)
        self.requestLayout.setObjectName(u"requestLayout")
        self.receivedLabel = QLabel(self.requestBox)
        self.receivedLabel.setObjectName(u"receivedLabel")

        self.requestLayout.addWidget(self.receivedLabel, 0, 0, 1, 1)

        self.received = QDateEdit(self.requestBox)
        self.received.setObjectName(u"received")
        self.received.setCalendarPopup(True)

        self.requestLayout.addWidget(self.received, 0, 1, 1, 1)

        self.channelLabel = QLabel(self.requestBox)
        self.channelLabel.setObjectName(u"channelLabel")

        self.requestLayout.addWidget(self.channelLabel, 1, 0, 1, 1)

        self.channel = QComboBox(self.requestBox)
        self.channel.setObjectName(u"channel")

        self.requestLayout.addWidget(self.channel, 1, 1, 1, 1)

        self.oralLabel = QLabel(self.requestBox)
        self.oralLabel.setObjectName(u"oralLabel")

        self.requestLayout.addWidget(self.oralLabel, 2, 0, 1, 1)

        self.oral = QCheckBox(self.requestBox)
        self.oral.setObjectName(u"oral")

        self.requestLayout.addWidget(self.oral, 2, 1, 1, 1)

        self.contentLabel = QLabel(self.requestBox)
        self.contentLabel.setObjectName(u"contentLabel")

        self.requestLayout.addWidget(self.contentLabel, 3, 0, 1, 1)

        self.content = QPlainTextEdit(self.requestBox)
        self.content.setObjectName(u"content")
        self.content.setTabChangesFocus(True)
        self.content.setMaximumSize(QSize(16777215, 90))

        self.requestLayout.addWidget(self.content, 3, 1, 1, 1)

        self.docNumberLabel = QLabel(self.requestBox)
        self.docNumberLabel.setObjectName(u"docNumberLabel")

        self.requestLayout.addWidget(self.docNumberLabel, 4, 0, 1, 1)

        self.docNumber = QLineEdit(self.requestBox)
        self.docNumber.setObjectName(u"docNumber")
        self.docNumber.setMaxLength(200)

        self.requestLayout.addWidget(self.docNumber, 4, 1, 1, 1)

        self.formLabel = QLabel(self.requestBox)
        self.formLabel.setObjectName(u"formLabel")

        self.requestLayout.addWidget(self.formLabel, 5, 0, 1, 1)

        self.infoForm = QComboBox(self.requestBox)
        self.infoForm.setObjectName(u"infoForm")

        self.requestLayout.addWidget(self.infoForm, 5, 1, 1, 1)

        self.deliveryLabel = QLabel(self.requestBox)
        self.deliveryLabel.setObjectName(u"deliveryLabel")

        self.requestLayout.addWidget(self.deliveryLabel, 6, 0, 1, 1)

        self.delivery = QComboBox(self.requestBox)
        self.delivery.setObjectName(u"delivery")

        self.requestLayout.addWidget(self.delivery, 6, 1, 1, 1)

        self.noteLabel = QLabel(self.requestBox)
        self.noteLabel.setObjectName(u"noteLabel")

        self.requestLayout.addWidget(self.noteLabel, 7, 0, 1, 1)

        self.note = QPlainTextEdit(self.requestBox)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumSize(QSize(16777215, 60))

        self.requestLayout.addWidget(self.note, 7, 1, 1, 1)


        self.columns.addWidget(self.requestBox)


        self.rootLayout.addLayout(self.columns)

        self.receiptRule = QLabel(RequestForm)
        self.receiptRule.setObjectName(u"receiptRule")
        self.receiptRule.setWordWrap(True)

        self.rootLayout.addWidget(self.receiptRule)

        self.errorLabel = QLabel(RequestForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(RequestForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.rootLayout.addWidget(self.buttons)


        self.retranslateUi(RequestForm)

        QMetaObject.connectSlotsByName(RequestForm)
    # setupUi

    def retranslateUi(self, RequestForm):
        self.applicantBox.setTitle(QCoreApplication.translate("RequestForm", u"\u7533\u8bf7\u4eba", None))
        self.applicantTypeLabel.setText(QCoreApplication.translate("RequestForm", u"\u7533\u8bf7\u4eba\u7c7b\u578b\uff1a", None))
        self.applicantLabel.setText(QCoreApplication.translate("RequestForm", u"\u59d3\u540d\u6216\u540d\u79f0\uff1a", None))
        self.applicant.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u81ea\u7136\u4eba\u586b\u59d3\u540d\uff0c\u6cd5\u4eba\u6216\u5176\u4ed6\u7ec4\u7ec7\u586b\u5168\u79f0", None))
        self.idNumberLabel.setText(QCoreApplication.translate("RequestForm", u"\u8bc1\u4ef6\u53f7\u7801\uff1a", None))
        self.idNumber.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u8eab\u4efd\u8bc1\u4ef6\u53f7\u7801\u6216\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801", None))
        self.agentLabel.setText(QCoreApplication.translate("RequestForm", u"\u8054\u7cfb\u4eba\uff1a", None))
        self.agent.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u6cd5\u4eba\u6216\u5176\u4ed6\u7ec4\u7ec7\u7684\u6cd5\u5b9a\u4ee3\u8868\u4eba\u6216\u8054\u7cfb\u4eba", None))
        self.phoneLabel.setText(QCoreApplication.translate("RequestForm", u"\u8054\u7cfb\u7535\u8bdd\uff1a", None))
        self.addressLabel.setText(QCoreApplication.translate("RequestForm", u"\u901a\u4fe1\u5730\u5740\uff1a", None))
        self.address.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u90ae\u5bc4\u7b54\u590d\u65f6\u5fc5\u586b", None))
        self.postcodeLabel.setText(QCoreApplication.translate("RequestForm", u"\u90ae\u653f\u7f16\u7801\uff1a", None))
        self.emailLabel.setText(QCoreApplication.translate("RequestForm", u"\u7535\u5b50\u90ae\u7bb1\uff1a", None))
        self.requestBox.setTitle(QCoreApplication.translate("RequestForm", u"\u7533\u8bf7\u5185\u5bb9", None))
        self.receivedLabel.setText(QCoreApplication.translate("RequestForm", u"\u6536\u5230\u7533\u8bf7\u65e5\u671f\uff1a", None))
        self.received.setDisplayFormat(QCoreApplication.translate("RequestForm", u"yyyy-MM-dd", None))
        self.channelLabel.setText(QCoreApplication.translate("RequestForm", u"\u7533\u8bf7\u65b9\u5f0f\uff1a", None))
        self.oralLabel.setText("")
        self.oral.setText(QCoreApplication.translate("RequestForm", u"\u53e3\u5934\u7533\u8bf7\uff08\u7531\u5de5\u4f5c\u4eba\u5458\u4ee3\u4e3a\u586b\u5199\uff09", None))
        self.contentLabel.setText(QCoreApplication.translate("RequestForm", u"\u6240\u9700\u4fe1\u606f\uff1a", None))
        self.content.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u4fe1\u606f\u540d\u79f0\u3001\u6587\u53f7\u6216\u4fbf\u4e8e\u67e5\u8be2\u7684\u5176\u4ed6\u7279\u5f81\u6027\u63cf\u8ff0", None))
        self.docNumberLabel.setText(QCoreApplication.translate("RequestForm", u"\u6587\u53f7\uff1a", None))
        self.docNumber.setPlaceholderText(QCoreApplication.translate("RequestForm", u"\u77e5\u9053\u65f6\u586b\u5199", None))
        self.formLabel.setText(QCoreApplication.translate("RequestForm", u"\u8f7d\u4f53\u5f62\u5f0f\uff1a", None))
        self.deliveryLabel.setText(QCoreApplication.translate("RequestForm", u"\u83b7\u53d6\u65b9\u5f0f\uff1a", None))
        self.noteLabel.setText(QCoreApplication.translate("RequestForm", u"\u5907\u6ce8\uff1a", None))
        self.note.setPlaceholderText("")
        self.receiptRule.setText("")
        self.errorLabel.setText("")
        pass
    # retranslateUi

