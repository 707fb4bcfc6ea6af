# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'guide_form.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_GuideForm(object):
    def setupUi(self, GuideForm):
        if not GuideForm.objectName():
            GuideForm.setObjectName(u"GuideForm")
        self.rootLayout = QVBoxLayout(GuideForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.guideGroup = QGroupBox(GuideForm)
        self.guideGroup.setObjectName(u"guideGroup")
        self.guideForm = QFormLayout(self.guideGroup)
        self.guideForm.setObjectName(u"guideForm")
        self.guideForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.guide_item_codeLabel = QLabel(self.guideGroup)
        self.guide_item_codeLabel.setObjectName(u"guide_item_codeLabel")

        self.guideForm.setWidget(0, QFormLayout.LabelRole, self.guide_item_codeLabel)

        self.guide_item_code = QLineEdit(self.guideGroup)
        self.guide_item_code.setObjectName(u"guide_item_code")

        self.guideForm.setWidget(0, QFormLayout.FieldRole, self.guide_item_code)

        self.guide_departmentLabel = QLabel(self.guideGroup)
        self.guide_departmentLabel.setObjectName(u"guide_departmentLabel")

        self.guideForm.setWidget(1, QFormLayout.LabelRole, self.guide_departmentLabel)

        self.guide_department = QLineEdit(self.guideGroup)
        self.guide_department.setObjectName(u"guide_department")

        self.guideForm.setWidget(1, QFormLayout.FieldRole, self.guide_department)

        self.guide_legal_basisLabel = QLabel(self.guideGroup)
        self.guide_legal_basisLabel.setObjectName(u"guide_legal_basisLabel")

        self.guideForm.setWidget(2, QFormLayout.LabelRole, self.guide_legal_basisLabel)

        self.guide_legal_basis = QPlainTextEdit(self.guideGroup)
        self.guide_legal_basis.setObjectName(u"guide_legal_basis")
        self.guide_legal_basis.setTabChangesFocus(True)
        self.guide_legal_basis.setMinimumSize(QSize(0, 72))
        self.guide_legal_basis.setMaximumSize(QSize(16777215, 100))

        self.guideForm.setWidget(2, QFormLayout.FieldRole, self.guide_legal_basis)

        self.guide_conditionsLabel = QLabel(self.guideGroup)
        self.guide_conditionsLabel.setObjectName(u"guide_conditionsLabel")

        self.guideForm.setWidget(3, QFormLayout.LabelRole, self.guide_conditionsLabel)

        self.guide_conditions = QPlainTextEdit(self.guideGroup)
        self.guide_conditions.setObjectName(u"guide_conditions")
        self.guide_conditions.setTabChangesFocus(True)
        self.guide_conditions.setMinimumSize(QSize(0, 72))
        self.guide_conditions.setMaximumSize(QSize(16777215, 100))

        self.guideForm.setWidget(3, QFormLayout.FieldRole, self.guide_conditions)

        self.guide_procedureLabel = QLabel(self.guideGroup)
        self.guide_procedureLabel.setObjectName(u"guide_procedureLabel")

        self.guideForm.setWidget(4, QFormLayout.LabelRole, self.guide_procedureLabel)

        self.guide_procedure = QPlainTextEdit(self.guideGroup)
        self.guide_procedure.setObjectName(u"guide_procedure")
        self.guide_procedure.setTabChangesFocus(True)
        self.guide_procedure.setMinimumSize(QSize(0, 72))
        self.guide_procedure.setMaximumSize(QSize(16777215, 100))

        self.guideForm.setWidget(4, QFormLayout.FieldRole, self.guide_procedure)

        self.guide_legal_limit_daysLabel = QLabel(self.guideGroup)
        self.guide_legal_limit_daysLabel.setObjectName(u"guide_legal_limit_daysLabel")

        self.guideForm.setWidget(5, QFormLayout.LabelRole, self.guide_legal_limit_daysLabel)

        self.guide_legal_limitRow = QHBoxLayout()
        self.guide_legal_limitRow.setObjectName(u"guide_legal_limitRow")
        self.guide_legal_limit_days = QSpinBox(self.guideGroup)
        self.guide_legal_limit_days.setObjectName(u"guide_legal_limit_days")
        self.guide_legal_limit_days.setMaximum(365)
        self.guide_legal_limit_days.setMinimumSize(QSize(140, 0))

        self.guide_legal_limitRow.addWidget(self.guide_legal_limit_days)

        self.guide_legal_limit_immediate = QCheckBox(self.guideGroup)
        self.guide_legal_limit_immediate.setObjectName(u"guide_legal_limit_immediate")

        self.guide_legal_limitRow.addWidget(self.guide_legal_limit_immediate)

        self.guide_legal_limitSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.guide_legal_limitRow.addItem(self.guide_legal_limitSpacer)


        self.guideForm.setLayout(5, QFormLayout.FieldRole, self.guide_legal_limitRow)

        self.guide_promised_limit_daysLabel = QLabel(self.guideGroup)
        self.guide_promised_limit_daysLabel.setObjectName(u"guide_promised_limit_daysLabel")

        self.guideForm.setWidget(6, QFormLayout.LabelRole, self.guide_promised_limit_daysLabel)

        self.guide_promised_limitRow = QHBoxLayout()
        self.guide_promised_limitRow.setObjectName(u"guide_promised_limitRow")
        self.guide_promised_limit_days = QSpinBox(self.guideGroup)
        self.guide_promised_limit_days.setObjectName(u"guide_promised_limit_days")
        self.guide_promised_limit_days.setMaximum(365)
        self.guide_promised_limit_days.setMinimumSize(QSize(140, 0))

        self.guide_promised_limitRow.addWidget(self.guide_promised_limit_days)

        self.guide_promised_limit_immediate = QCheckBox(self.guideGroup)
        self.guide_promised_limit_immediate.setObjectName(u"guide_promised_limit_immediate")

        self.guide_promised_limitRow.addWidget(self.guide_promised_limit_immediate)

        self.guide_promised_limitSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.guide_promised_limitRow.addItem(self.guide_promised_limitSpacer)


        self.guideForm.setLayout(6, QFormLayout.FieldRole, self.guide_promised_limitRow)

        self.guide_fee_textLabel = QLabel(self.guideGroup)
        self.guide_fee_textLabel.setObjectName(u"guide_fee_textLabel")

        self.guideForm.setWidget(7, QFormLayout.LabelRole, self.guide_fee_textLabel)

        self.guide_fee_text = QPlainTextEdit(self.guideGroup)
        self.guide_fee_text.setObjectName(u"guide_fee_text")
        self.guide_fee_text.setTabChangesFocus(True)
        self.guide_fee_text.setMinimumSize(QSize(0, 48))
        self.guide_fee_text.setMaximumSize(QSize(16777215, 64))

        self.guideForm.setWidget(7, QFormLayout.FieldRole, self.guide_fee_text)

        self.guide_resultLabel = QLabel(self.guideGroup)
        self.guide_resultLabel.setObjectName(u"guide_resultLabel")

        self.guideForm.setWidget(8, QFormLayout.LabelRole, self.guide_resultLabel)

        self.guide_result = QLineEdit(self.guideGroup)
        self.guide_result.setObjectName(u"guide_result")

        self.guideForm.setWidget(8, QFormLayout.FieldRole, self.guide_result)

        self.guide_placeLabel = QLabel(self.guideGroup)
        self.guide_placeLabel.setObjectName(u"guide_placeLabel")

        self.guideForm.setWidget(9, QFormLayout.LabelRole, self.guide_placeLabel)

        self.guide_place = QLineEdit(self.guideGroup)
        self.guide_place.setObjectName(u"guide_place")

        self.guideForm.setWidget(9, QFormLayout.FieldRole, self.guide_place)

        self.guide_hoursLabel = QLabel(self.guideGroup)
        self.guide_hoursLabel.setObjectName(u"guide_hoursLabel")

        self.guideForm.setWidget(10, QFormLayout.LabelRole, self.guide_hoursLabel)

        self.guide_hours = QLineEdit(self.guideGroup)
        self.guide_hours.setObjectName(u"guide_hours")

        self.guideForm.setWidget(10, QFormLayout.FieldRole, self.guide_hours)

        self.guide_phoneLabel = QLabel(self.guideGroup)
        self.guide_phoneLabel.setObjectName(u"guide_phoneLabel")

        self.guideForm.setWidget(11, QFormLayout.LabelRole, self.guide_phoneLabel)

        self.guide_phone = QLineEdit(self.guideGroup)
        self.guide_phone.setObjectName(u"guide_phone")

        self.guideForm.setWidget(11, QFormLayout.FieldRole, self.guide_phone)

        self.guide_complaint_phoneLabel = QLabel(self.guideGroup)
        self.guide_complaint_phoneLabel.setObjectName(u"guide_complaint_phoneLabel")

        self.guideForm.setWidget(12, QFormLayout.LabelRole, self.guide_complaint_phoneLabel)

        self.guide_complaint_phone = QLineEdit(self.guideGroup)
        self.guide_complaint_phone.setObjectName(u"guide_complaint_phone")

        self.guideForm.setWidget(12, QFormLayout.FieldRole, self.guide_complaint_phone)

        self.guide_faqLabel = QLabel(self.guideGroup)
        self.guide_faqLabel.setObjectName(u"guide_faqLabel")

        self.guideForm.setWidget(13, QFormLayout.LabelRole, self.guide_faqLabel)

        self.guide_faq = QPlainTextEdit(self.guideGroup)
        self.guide_faq.setObjectName(u"guide_faq")
        self.guide_faq.setTabChangesFocus(True)
        self.guide_faq.setMinimumSize(QSize(0, 72))
        self.guide_faq.setMaximumSize(QSize(16777215, 100))

        self.guideForm.setWidget(13, QFormLayout.FieldRole, self.guide_faq)


        self.rootLayout.addWidget(self.guideGroup)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.guide_item_codeLabel.setBuddy(self.guide_item_code)
        self.guide_departmentLabel.setBuddy(self.guide_department)
        self.guide_legal_basisLabel.setBuddy(self.guide_legal_basis)
        self.guide_conditionsLabel.setBuddy(self.guide_conditions)
        self.guide_procedureLabel.setBuddy(self.guide_procedure)
        self.guide_legal_limit_daysLabel.setBuddy(self.guide_legal_limit_days)
        self.guide_promised_limit_daysLabel.setBuddy(self.guide_promised_limit_days)
        self.guide_fee_textLabel.setBuddy(self.guide_fee_text)
        self.guide_resultLabel.setBuddy(self.guide_result)
        self.guide_placeLabel.setBuddy(self.guide_place)
        self.guide_hoursLabel.setBuddy(self.guide_hours)
        self.guide_phoneLabel.setBuddy(self.guide_phone)
        self.guide_complaint_phoneLabel.setBuddy(self.guide_complaint_phone)
        self.guide_faqLabel.setBuddy(self.guide_faq)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GuideForm)

        QMetaObject.connectSlotsByName(GuideForm)
    # setupUi

    def retranslateUi(self, GuideForm):
        self.guideGroup.setTitle(QCoreApplication.translate("GuideForm", u"\u529e\u4e8b\u6307\u5357", None))
        self.guide_item_codeLabel.setText(QCoreApplication.translate("GuideForm", u"\u4e8b\u9879\u7f16\u7801\uff1a", None))
        self.guide_departmentLabel.setText(QCoreApplication.translate("GuideForm", u"\u529e\u7406\u90e8\u95e8\uff1a", None))
        self.guide_legal_basisLabel.setText(QCoreApplication.translate("GuideForm", u"\u8bbe\u5b9a\u4f9d\u636e\uff1a", None))
        self.guide_conditionsLabel.setText(QCoreApplication.translate("GuideForm", u"\u7533\u8bf7\u6761\u4ef6\uff1a", None))
        self.guide_procedureLabel.setText(QCoreApplication.translate("GuideForm", u"\u529e\u7406\u6d41\u7a0b\uff1a", None))
        self.guide_procedure.setPlaceholderText(QCoreApplication.translate("GuideForm", u"\u6587\u5b57\u8bf4\u660e\uff1b\u6d41\u7a0b\u56fe\u5728\u201c\u6d41\u7a0b\u56fe\u201d\u9875\u7ed8\u5236", None))
        self.guide_legal_limit_daysLabel.setText(QCoreApplication.translate("GuideForm", u"\u6cd5\u5b9a\u671f\u9650\uff1a", None))
        self.guide_legal_limit_days.setSpecialValueText(QCoreApplication.translate("GuideForm", u"\u672a\u586b\u5199", None))
        self.guide_legal_limit_days.setSuffix(QCoreApplication.translate("GuideForm", u" \u4e2a\u5de5\u4f5c\u65e5", None))
        self.guide_legal_limit_immediate.setText(QCoreApplication.translate("GuideForm", u"\u5373\u65f6\u529e\u7ed3", None))
#if QT_CONFIG(tooltip)
        self.guide_legal_limit_immediate.setToolTip(QCoreApplication.translate("GuideForm", u"\u5f53\u573a\u529e\u7406\u3001\u4e0d\u9700\u8981\u5de5\u4f5c\u65e5\u7684\uff0c\u9009\u201c\u5373\u65f6\u529e\u7ed3\u201d", None))
#endif // QT_CONFIG(tooltip)
        self.guide_promised_limit_daysLabel.setText(QCoreApplication.translate("GuideForm", u"\u627f\u8bfa\u671f\u9650\uff1a", None))
        self.guide_promised_limit_days.setSpecialValueText(QCoreApplication.translate("GuideForm", u"\u672a\u586b\u5199", None))
        self.guide_promised_limit_days.setSuffix(QCoreApplication.translate("GuideForm", u" \u4e2a\u5de5\u4f5c\u65e5", None))
        self.guide_promised_limit_immediate.setText(QCoreApplication.translate("GuideForm", u"\u5373\u65f6\u529e\u7ed3", None))
#if QT_CONFIG(tooltip)
        self.guide_promised_limit_immediate.setToolTip(QCoreApplication.translate("GuideForm", u"\u5f53\u573a\u529e\u7406\u3001\u4e0d\u9700\u8981\u5de5\u4f5c\u65e5\u7684\uff0c\u9009\u201c\u5373\u65f6\u529e\u7ed3\u201d", None))
#endif // QT_CONFIG(tooltip)
        self.guide_fee_textLabel.setText(QCoreApplication.translate("GuideForm", u"\u6536\u8d39\u4f9d\u636e\u53ca\u6807\u51c6\uff1a", None))
        self.guide_resultLabel.setText(QCoreApplication.translate("GuideForm", u"\u529e\u7406\u7ed3\u679c\uff1a", None))
        self.guide_result.setPlaceholderText(QCoreApplication.translate("GuideForm", u"\u4f8b\u5982 \u51c6\u4e88\u767b\u8bb0\uff0c\u6838\u53d1\u5c45\u6c11\u6237\u53e3\u7c3f", None))
        self.guide_placeLabel.setText(QCoreApplication.translate("GuideForm", u"\u529e\u7406\u5730\u70b9\uff1a", None))
        self.guide_hoursLabel.setText(QCoreApplication.translate("GuideForm", u"\u529e\u7406\u65f6\u95f4\uff1a", None))
        self.guide_phoneLabel.setText(QCoreApplication.translate("GuideForm", u"\u54a8\u8be2\u7535\u8bdd\uff1a", None))
        self.guide_complaint_phoneLabel.setText(QCoreApplication.translate("GuideForm", u"\u76d1\u7763\u6295\u8bc9\u7535\u8bdd\uff1a", None))
        self.guide_faqLabel.setText(QCoreApplication.translate("GuideForm", u"\u5e38\u89c1\u95ee\u9898\uff1a", None))
        pass
    # retranslateUi

