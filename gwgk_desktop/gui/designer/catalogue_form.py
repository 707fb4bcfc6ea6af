# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'catalogue_form.ui'
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

class Ui_CatalogueForm(object):
    def setupUi(self, CatalogueForm):
        if not CatalogueForm.objectName():
            CatalogueForm.setObjectName(u"CatalogueForm")
        self.rootLayout = QVBoxLayout(CatalogueForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.itemGroup = QGroupBox(CatalogueForm)
        self.itemGroup.setObjectName(u"itemGroup")
        self.itemForm = QFormLayout(self.itemGroup)
        self.itemForm.setObjectName(u"itemForm")
        self.itemForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.category_idLabel = QLabel(self.itemGroup)
        self.category_idLabel.setObjectName(u"category_idLabel")

        self.itemForm.setWidget(0, QFormLayout.LabelRole, self.category_idLabel)

        self.category_id = QComboBox(self.itemGroup)
        self.category_id.setObjectName(u"category_id")

        self.itemForm.setWidget(0, QFormLayout.FieldRole, self.category_id)

        self.nameLabel = QLabel(self.itemGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.itemForm.setWidget(1, QFormLayout.LabelRole, self.nameLabel)

        self.name = QLineEdit(self.itemGroup)
        self.name.setObjectName(u"name")

        self.itemForm.setWidget(1, QFormLayout.FieldRole, self.name)

        self.level1Label = QLabel(self.itemGroup)
        self.level1Label.setObjectName(u"level1Label")

        self.itemForm.setWidget(2, QFormLayout.LabelRole, self.level1Label)

        self.level1 = QLineEdit(self.itemGroup)
        self.level1.setObjectName(u"level1")

        self.itemForm.setWidget(2, QFormLayout.FieldRole, self.level1)

        self.level2Label = QLabel(self.itemGroup)
        self.level2Label.setObjectName(u"level2Label")

        self.itemForm.setWidget(3, QFormLayout.LabelRole, self.level2Label)

        self.level2 = QLineEdit(self.itemGroup)
        self.level2.setObjectName(u"level2")

        self.itemForm.setWidget(3, QFormLayout.FieldRole, self.level2)

        self.contentLabel = QLabel(self.itemGroup)
        self.contentLabel.setObjectName(u"contentLabel")

        self.itemForm.setWidget(4, QFormLayout.LabelRole, self.contentLabel)

        self.content = QPlainTextEdit(self.itemGroup)
        self.content.setObjectName(u"content")
        self.content.setTabChangesFocus(True)
        self.content.setMinimumSize(QSize(0, 72))
        self.content.setMaximumSize(QSize(16777215, 100))

        self.itemForm.setWidget(4, QFormLayout.FieldRole, self.content)

        self.basisLabel = QLabel(self.itemGroup)
        self.basisLabel.setObjectName(u"basisLabel")

        self.itemForm.setWidget(5, QFormLayout.LabelRole, self.basisLabel)

        self.basis = QPlainTextEdit(self.itemGroup)
        self.basis.setObjectName(u"basis")
        self.basis.setTabChangesFocus(True)
        self.basis.setMinimumSize(QSize(0, 72))
        self.basis.setMaximumSize(QSize(16777215, 100))

        self.itemForm.setWidget(5, QFormLayout.FieldRole, self.basis)

        self.time_limitLabel = QLabel(self.itemGroup)
        self.time_limitLabel.setObjectName(u"time_limitLabel")

        self.itemForm.setWidget(6, QFormLayout.LabelRole, self.time_limitLabel)

        self.time_limit = QLineEdit(self.itemGroup)
        self.time_limit.setObjectName(u"time_limit")

        self.itemForm.setWidget(6, QFormLayout.FieldRole, self.time_limit)

        self.subjectLabel = QLabel(self.itemGroup)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.itemForm.setWidget(7, QFormLayout.LabelRole, self.subjectLabel)

        self.subject = QLineEdit(self.itemGroup)
        self.subject.setObjectName(u"subject")

        self.itemForm.setWidget(7, QFormLayout.FieldRole, self.subject)

        self.channelsLabel = QLabel(self.itemGroup)
        self.channelsLabel.setObjectName(u"channelsLabel")

        self.itemForm.setWidget(8, QFormLayout.LabelRole, self.channelsLabel)

        self.channels = QWidget(self.itemGroup)
        self.channels.setObjectName(u"channels")

        self.itemForm.setWidget(8, QFormLayout.FieldRole, self.channels)

        self.audienceLabel = QLabel(self.itemGroup)
        self.audienceLabel.setObjectName(u"audienceLabel")

        self.itemForm.setWidget(9, QFormLayout.LabelRole, self.audienceLabel)

        self.audience = QWidget(self.itemGroup)
        self.audience.setObjectName(u"audience")

        self.itemForm.setWidget(9, QFormLayout.FieldRole, self.audience)

        self.modeLabel = QLabel(self.itemGroup)
        self.modeLabel.setObjectName(u"modeLabel")

        self.itemForm.setWidget(10, QFormLayout.LabelRole, self.modeLabel)

        self.mode = QWidget(self.itemGroup)
        self.mode.setObjectName(u"mode")

        self.itemForm.setWidget(10, QFormLayout.FieldRole, self.mode)

        self.levelLabel = QLabel(self.itemGroup)
        self.levelLabel.setObjectName(u"levelLabel")

        self.itemForm.setWidget(11, QFormLayout.LabelRole, self.levelLabel)

        self.level = QWidget(self.itemGroup)
        self.level.setObjectName(u"level")

        self.itemForm.setWidget(11, QFormLayout.FieldRole, self.level)

        self.lead_unitLabel = QLabel(self.itemGroup)
        self.lead_unitLabel.setObjectName(u"lead_unitLabel")

        self.itemForm.setWidget(12, QFormLayout.LabelRole, self.lead_unitLabel)

        self.lead_unit = QLineEdit(self.itemGroup)
        self.lead_unit.setObjectName(u"lead_unit")

        self.itemForm.setWidget(12, QFormLayout.FieldRole, self.lead_unit)

        self.responsible_unitLabel = QLabel(self.itemGroup)
        self.responsible_unitLabel.setObjectName(u"responsible_unitLabel")

        self.itemForm.setWidget(13, QFormLayout.LabelRole, self.responsible_unitLabel)

        self.responsible_unit = QLineEdit(self.itemGroup)
        self.responsible_unit.setObjectName(u"responsible_unit")

        self.itemForm.setWidget(13, QFormLayout.FieldRole, self.responsible_unit)


        self.rootLayout.addWidget(self.itemGroup)

        self.metaGroup = QGroupBox(CatalogueForm)
        self.metaGroup.setObjectName(u"metaGroup")
        self.metaForm = QFormLayout(self.metaGroup)
        self.metaForm.setObjectName(u"metaForm")
        self.metaForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summaryLabel = QLabel(self.metaGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.metaForm.setWidget(0, QFormLayout.LabelRole, self.summaryLabel)

        self.summary = QPlainTextEdit(self.metaGroup)
        self.summary.setObjectName(u"summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumSize(QSize(0, 56))
        self.summary.setMaximumSize(QSize(16777215, 76))

        self.metaForm.setWidget(0, QFormLayout.FieldRole, self.summary)

        self.generated_dateLabel = QLabel(self.metaGroup)
        self.generated_dateLabel.setObjectName(u"generated_dateLabel")

        self.metaForm.setWidget(1, QFormLayout.LabelRole, self.generated_dateLabel)

        self.generated_dateRow = QHBoxLayout()
        self.generated_dateRow.setObjectName(u"generated_dateRow")
        self.generated_date = QDateEdit(self.metaGroup)
        self.generated_date.setObjectName(u"generated_date")
        self.generated_date.setCalendarPopup(True)
        self.generated_date.setMinimumSize(QSize(140, 0))

        self.generated_dateRow.addWidget(self.generated_date)

        self.generated_dateClear = QToolButton(self.metaGroup)
        self.generated_dateClear.setObjectName(u"generated_dateClear")

        self.generated_dateRow.addWidget(self.generated_dateClear)

        self.generated_dateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.generated_dateRow.addItem(self.generated_dateSpacer)


        self.metaForm.setLayout(1, QFormLayout.FieldRole, self.generated_dateRow)

        self.doc_numberLabel = QLabel(self.metaGroup)
        self.doc_numberLabel.setObjectName(u"doc_numberLabel")

        self.metaForm.setWidget(2, QFormLayout.LabelRole, self.doc_numberLabel)

        self.doc_number = QLineEdit(self.metaGroup)
        self.doc_number.setObjectName(u"doc_number")

        self.metaForm.setWidget(2, QFormLayout.FieldRole, self.doc_number)

        self.validityLabel = QLabel(self.metaGroup)
        self.validityLabel.setObjectName(u"validityLabel")

        self.metaForm.setWidget(3, QFormLayout.LabelRole, self.validityLabel)

        self.validity = QWidget(self.metaGroup)
        self.validity.setObjectName(u"validity")

        self.metaForm.setWidget(3, QFormLayout.FieldRole, self.validity)

        self.topicLabel = QLabel(self.metaGroup)
        self.topicLabel.setObjectName(u"topicLabel")

        self.metaForm.setWidget(4, QFormLayout.LabelRole, self.topicLabel)

        self.topic = QLineEdit(self.metaGroup)
        self.topic.setObjectName(u"topic")

        self.metaForm.setWidget(4, QFormLayout.FieldRole, self.topic)

        self.publisherLabel = QLabel(self.metaGroup)
        self.publisherLabel.setObjectName(u"publisherLabel")

        self.metaForm.setWidget(5, QFormLayout.LabelRole, self.publisherLabel)

        self.publisher = QLineEdit(self.metaGroup)
        self.publisher.setObjectName(u"publisher")

        self.metaForm.setWidget(5, QFormLayout.FieldRole, self.publisher)

        self.update_dueLabel = QLabel(self.metaGroup)
        self.update_dueLabel.setObjectName(u"update_dueLabel")

        self.metaForm.setWidget(6, QFormLayout.LabelRole, self.update_dueLabel)

        self.update_dueRow = QHBoxLayout()
        self.update_dueRow.setObjectName(u"update_dueRow")
        self.update_due = QDateEdit(self.metaGroup)
        self.update_due.setObjectName(u"update_due")
        self.update_due.setCalendarPopup(True)
        self.update_due.setMinimumSize(QSize(140, 0))

        self.update_dueRow.addWidget(self.update_due)

        self.update_dueClear = QToolButton(self.metaGroup)
        self.update_dueClear.setObjectName(u"update_dueClear")

        self.update_dueRow.addWidget(self.update_dueClear)

        self.update_dueSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.update_dueRow.addItem(self.update_dueSpacer)


        self.metaForm.setLayout(6, QFormLayout.FieldRole, self.update_dueRow)


        self.rootLayout.addWidget(self.metaGroup)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.category_idLabel.setBuddy(self.category_id)
        self.nameLabel.setBuddy(self.name)
        self.level1Label.setBuddy(self.level1)
        self.level2Label.setBuddy(self.level2)
        self.contentLabel.setBuddy(self.content)
        self.basisLabel.setBuddy(self.basis)
        self.time_limitLabel.setBuddy(self.time_limit)
        self.subjectLabel.setBuddy(self.subject)
        self.channelsLabel.setBuddy(self.channels)
        self.audienceLabel.setBuddy(self.audience)
        self.modeLabel.setBuddy(self.mode)
        self.levelLabel.setBuddy(self.level)
        self.lead_unitLabel.setBuddy(self.lead_unit)
        self.responsible_unitLabel.setBuddy(self.responsible_unit)
        self.summaryLabel.setBuddy(self.summary)
        self.generated_dateLabel.setBuddy(self.generated_date)
        self.doc_numberLabel.setBuddy(self.doc_number)
        self.validityLabel.setBuddy(self.validity)
        self.topicLabel.setBuddy(self.topic)
        self.publisherLabel.setBuddy(self.publisher)
        self.update_dueLabel.setBuddy(self.update_due)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CatalogueForm)

        QMetaObject.connectSlotsByName(CatalogueForm)
    # setupUi

    def retranslateUi(self, CatalogueForm):
        self.itemGroup.setTitle(QCoreApplication.translate("CatalogueForm", u"\u76ee\u5f55\u4e8b\u9879", None))
        self.category_idLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u4fe1\u606f\u7c7b\u522b\uff1a", None))
        self.nameLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u540d\u79f0\uff1a", None))
        self.name.setPlaceholderText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u4e8b\u9879\u540d\u79f0", None))
        self.level1Label.setText(QCoreApplication.translate("CatalogueForm", u"\u4e00\u7ea7\u4e8b\u9879\uff1a", None))
        self.level2Label.setText(QCoreApplication.translate("CatalogueForm", u"\u4e8c\u7ea7\u4e8b\u9879\uff1a", None))
        self.contentLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u5185\u5bb9\uff08\u8981\u7d20\uff09\uff1a", None))
        self.basisLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u4f9d\u636e\uff1a", None))
        self.time_limitLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u65f6\u9650\uff1a", None))
        self.subjectLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u4e3b\u4f53\uff1a", None))
        self.channelsLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u6e20\u9053\u548c\u8f7d\u4f53\uff1a", None))
        self.audienceLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u5bf9\u8c61\uff1a", None))
        self.modeLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u65b9\u5f0f\uff1a", None))
        self.levelLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u516c\u5f00\u5c42\u7ea7\uff1a", None))
        self.lead_unitLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u7275\u5934\u5355\u4f4d\uff1a", None))
        self.responsible_unitLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u8d23\u4efb\u5355\u4f4d\uff1a", None))
        self.metaGroup.setTitle(QCoreApplication.translate("CatalogueForm", u"\u4fe1\u606f\u516c\u5f00\u76ee\u5f55\u4fe1\u606f", None))
        self.summaryLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u5185\u5bb9\u6982\u8ff0\uff1a", None))
        self.generated_dateLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u751f\u6210\u65e5\u671f\uff1a", None))
        self.generated_date.setDisplayFormat(QCoreApplication.translate("CatalogueForm", u"yyyy-MM-dd", None))
        self.generated_dateClear.setText(QCoreApplication.translate("CatalogueForm", u"\u6e05\u9664", None))
#if QT_CONFIG(tooltip)
        self.generated_dateClear.setToolTip(QCoreApplication.translate("CatalogueForm", u"\u6e05\u9664\u8fd9\u4e2a\u65e5\u671f", None))
#endif // QT_CONFIG(tooltip)
        self.doc_numberLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u6587\u53f7\uff1a", None))
        self.validityLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u6709\u6548\u6027\uff1a", None))
        self.topicLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u4e3b\u9898\u5206\u7c7b\uff1a", None))
        self.publisherLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u53d1\u5e03\u673a\u6784\uff1a", None))
        self.update_dueLabel.setText(QCoreApplication.translate("CatalogueForm", u"\u4e0b\u6b21\u66f4\u65b0\u65e5\u671f\uff1a", None))
        self.update_due.setDisplayFormat(QCoreApplication.translate("CatalogueForm", u"yyyy-MM-dd", None))
        self.update_dueClear.setText(QCoreApplication.translate("CatalogueForm", u"\u6e05\u9664", None))
#if QT_CONFIG(tooltip)
        self.update_dueClear.setToolTip(QCoreApplication.translate("CatalogueForm", u"\u6e05\u9664\u8fd9\u4e2a\u65e5\u671f", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

