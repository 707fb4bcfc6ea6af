# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'fee_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QToolButton,
    QVBoxLayout, QWidget)

class Ui_FeeForm(object):
    def setupUi(self, FeeForm):
        if not FeeForm.objectName():
            FeeForm.setObjectName(u"FeeForm")
        self.rootLayout = QVBoxLayout(FeeForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.feeGroup = QGroupBox(FeeForm)
        self.feeGroup.setObjectName(u"feeGroup")
        self.feeForm = QFormLayout(self.feeGroup)
        self.feeForm.setObjectName(u"feeForm")
        self.feeForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(self.feeGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.feeForm.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.name = QLineEdit(self.feeGroup)
        self.name.setObjectName(u"name")

        self.feeForm.setWidget(0, QFormLayout.FieldRole, self.name)

        self.category_idLabel = QLabel(self.feeGroup)
        self.category_idLabel.setObjectName(u"category_idLabel")

        self.feeForm.setWidget(1, QFormLayout.LabelRole, self.category_idLabel)

        self.category_id = QComboBox(self.feeGroup)
        self.category_id.setObjectName(u"category_id")

        self.feeForm.setWidget(1, QFormLayout.FieldRole, self.category_id)

        self.basisLabel = QLabel(self.feeGroup)
        self.basisLabel.setObjectName(u"basisLabel")

        self.feeForm.setWidget(2, QFormLayout.LabelRole, self.basisLabel)

        self.basis = QPlainTextEdit(self.feeGroup)
        self.basis.setObjectName(u"basis")
        self.basis.setTabChangesFocus(True)
        self.basis.setMinimumSize(QSize(0, 72))
        self.basis.setMaximumSize(QSize(16777215, 100))

        self.feeForm.setWidget(2, QFormLayout.FieldRole, self.basis)

        self.fee_standardLabel = QLabel(self.feeGroup)
        self.fee_standardLabel.setObjectName(u"fee_standardLabel")

        self.feeForm.setWidget(3, QFormLayout.LabelRole, self.fee_standardLabel)

        self.fee_standard = QPlainTextEdit(self.feeGroup)
        self.fee_standard.setObjectName(u"fee_standard")
        self.fee_standard.setTabChangesFocus(True)
        self.fee_standard.setMinimumSize(QSize(0, 56))
        self.fee_standard.setMaximumSize(QSize(16777215, 76))

        self.feeForm.setWidget(3, QFormLayout.FieldRole, self.fee_standard)

        self.summaryLabel = QLabel(self.feeGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.feeForm.setWidget(4, QFormLayout.LabelRole, self.summaryLabel)

        self.summary = QPlainTextEdit(self.feeGroup)
        self.summary.setObjectName(u"summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumSize(QSize(0, 56))
        self.summary.setMaximumSize(QSize(16777215, 76))

        self.feeForm.setWidget(4, QFormLayout.FieldRole, self.summary)

        self.generated_dateLabel = QLabel(self.feeGroup)
        self.generated_dateLabel.setObjectName(u"generated_dateLabel")

        self.feeForm.setWidget(5, QFormLayout.LabelRole, self.generated_dateLabel)

        self.generated_dateRow = QHBoxLayout()
        self.generated_dateRow.setObjectName(u"generated_dateRow")
        self.generated_date = QDateEdit(self.feeGroup)
        self.generated_date.setObjectName(u"generated_date")
        self.generated_date.setCalendarPopup(True)
        self.generated_date.setMinimumSize(QSize(140, 0))

        self.generated_dateRow.addWidget(self.generated_date)

        self.generated_dateClear = QToolButton(self.feeGroup)
        self.generated_dateClear.setObjectName(u"generated_dateClear")

        self.generated_dateRow.addWidget(self.generated_dateClear)

        self.generated_dateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.generated_dateRow.addItem(self.generated_dateSpacer)


        self.feeForm.setLayout(5, QFormLayout.FieldRole, self.generated_dateRow)

        self.doc_numberLabel = QLabel(self.feeGroup)
        self.doc_numberLabel.setObjectName(u"doc_numberLabel")

        self.feeForm.setWidget(6, QFormLayout.LabelRole, self.doc_numberLabel)

        self.doc_number = QLineEdit(self.feeGroup)
        self.doc_number.setObjectName(u"doc_number")

        self.feeForm.setWidget(6, QFormLayout.FieldRole, self.doc_number)

        self.validityLabel = QLabel(self.feeGroup)
        self.validityLabel.setObjectName(u"validityLabel")

        self.feeForm.setWidget(7, QFormLayout.LabelRole, self.validityLabel)

        self.validity = QWidget(self.feeGroup)
        self.validity.setObjectName(u"validity")

        self.feeForm.setWidget(7, QFormLayout.FieldRole, self.validity)

        self.publisherLabel = QLabel(self.feeGroup)
        self.publisherLabel.setObjectName(u"publisherLabel")

        self.feeForm.setWidget(8, QFormLayout.LabelRole, self.publisherLabel)

        self.publisher = QLineEdit(self.feeGroup)
        self.publisher.setObjectName(u"publisher")

        self.feeForm.setWidget(8, QFormLayout.FieldRole, self.publisher)

        self.update_dueLabel = QLabel(self.feeGroup)
        self.update_dueLabel.setObjectName(u"update_dueLabel")

        self.feeForm.setWidget(9, QFormLayout.LabelRole, self.update_dueLabel)

        self.update_dueRow = QHBoxLayout()
        self.update_dueRow.setObjectName(u"update_dueRow")
        self.update_due = QDateEdit(self.feeGroup)
        self.update_due.setObjectName(u"update_due")
        self.update_due.setCalendarPopup(True)
        self.update_due.setMinimumSize(QSize(140, 0))

        self.update_dueRow.addWidget(self.update_due)

        self.update_dueClear = QToolButton(self.feeGroup)
        self.update_dueClear.setObjectName(u"update_dueClear")

        self.update_dueRow.addWidget(self.update_dueClear)

        self.update_dueSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.update_dueRow.addItem(self.update_dueSpacer)


        self.feeForm.setLayout(9, QFormLayout.FieldRole, self.update_dueRow)


        self.rootLayout.addWidget(self.feeGroup)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.category_idLabel.setBuddy(self.category_id)
        self.basisLabel.setBuddy(self.basis)
        self.fee_standardLabel.setBuddy(self.fee_standard)
        self.summaryLabel.setBuddy(self.summary)
        self.generated_dateLabel.setBuddy(self.generated_date)
        self.doc_numberLabel.setBuddy(self.doc_number)
        self.validityLabel.setBuddy(self.validity)
        self.publisherLabel.setBuddy(self.publisher)
        self.update_dueLabel.setBuddy(self.update_due)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FeeForm)

        QMetaObject.connectSlotsByName(FeeForm)
    # setupUi

    def retranslateUi(self, FeeForm):
        self.feeGroup.setTitle(QCoreApplication.translate("FeeForm", u"\u6536\u8d39\u4e8b\u9879", None))
        self.nameLabel.setText(QCoreApplication.translate("FeeForm", u"\u6536\u8d39\u9879\u76ee\u540d\u79f0\uff1a", None))
        self.name.setPlaceholderText(QCoreApplication.translate("FeeForm", u"\u4f8b\u5982 \u4e34\u65f6\u5c45\u6c11\u8eab\u4efd\u8bc1\u5de5\u672c\u8d39", None))
        self.category_idLabel.setText(QCoreApplication.translate("FeeForm", u"\u4fe1\u606f\u7c7b\u522b\uff1a", None))
        self.basisLabel.setText(QCoreApplication.translate("FeeForm", u"\u6536\u8d39\u4f9d\u636e\uff1a", None))
        self.fee_standardLabel.setText(QCoreApplication.translate("FeeForm", u"\u6536\u8d39\u6807\u51c6\uff1a", None))
        self.summaryLabel.setText(QCoreApplication.translate("FeeForm", u"\u5185\u5bb9\u6982\u8ff0\uff1a", None))
        self.generated_dateLabel.setText(QCoreApplication.translate("FeeForm", u"\u751f\u6210\u65e5\u671f\uff1a", None))
        self.generated_date.setDisplayFormat(QCoreApplication.translate("FeeForm", u"yyyy-MM-dd", None))
        self.generated_dateClear.setText(QCoreApplication.translate("FeeForm", u"\u6e05\u9664", None))
#if QT_CONFIG(tooltip)
        self.generated_dateClear.setToolTip(QCoreApplication.translate("FeeForm", u"\u6e05\u9664\u8fd9\u4e2a\u65e5\u671f", None))
#endif // QT_CONFIG(tooltip)
        self.doc_numberLabel.setText(QCoreApplication.translate("FeeForm", u"\u6587\u53f7\uff1a", None))
        self.validityLabel.setText(QCoreApplication.translate("FeeForm", u"\u6709\u6548\u6027\uff1a", None))
        self.publisherLabel.setText(QCoreApplication.translate("FeeForm", u"\u53d1\u5e03\u673a\u6784\uff1a", None))
        self.update_dueLabel.setText(QCoreApplication.translate("FeeForm", u"\u4e0b\u6b21\u66f4\u65b0\u65e5\u671f\uff1a", None))
        self.update_due.setDisplayFormat(QCoreApplication.translate("FeeForm", u"yyyy-MM-dd", None))
        self.update_dueClear.setText(QCoreApplication.translate("FeeForm", u"\u6e05\u9664", None))
#if QT_CONFIG(tooltip)
        self.update_dueClear.setToolTip(QCoreApplication.translate("FeeForm", u"\u6e05\u9664\u8fd9\u4e2a\u65e5\u671f", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

