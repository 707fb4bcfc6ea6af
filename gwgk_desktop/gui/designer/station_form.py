# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'station_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_StationForm(object):
    def setupUi(self, StationForm):
        if not StationForm.objectName():
            StationForm.setObjectName(u"StationForm")
        self.rootLayout = QVBoxLayout(StationForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.intro = QLabel(StationForm)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.rootLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(StationForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.name = QLineEdit(StationForm)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.FieldRole, self.name)

        self.org_codeLabel = QLabel(StationForm)
        self.org_codeLabel.setObjectName(u"org_codeLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.org_codeLabel)

        self.org_code = QLineEdit(StationForm)
        self.org_code.setObjectName(u"org_code")

        self.form.setWidget(1, QFormLayout.FieldRole, self.org_code)

        self.levelLabel = QLabel(StationForm)
        self.levelLabel.setObjectName(u"levelLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.levelLabel)

        self.level = QComboBox(StationForm)
        self.level.setObjectName(u"level")

        self.form.setWidget(2, QFormLayout.FieldRole, self.level)

        self.parent_unitLabel = QLabel(StationForm)
        self.parent_unitLabel.setObjectName(u"parent_unitLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.parent_unitLabel)

        self.parent_unit = QLineEdit(StationForm)
        self.parent_unit.setObjectName(u"parent_unit")

        self.form.setWidget(3, QFormLayout.FieldRole, self.parent_unit)

        self.addressLabel = QLabel(StationForm)
        self.addressLabel.setObjectName(u"addressLabel")

        self.form.setWidget(4, QFormLayout.LabelRole, self.addressLabel)

        self.address = QLineEdit(StationForm)
        self.address.setObjectName(u"address")

        self.form.setWidget(4, QFormLayout.FieldRole, self.address)

        self.office_hoursLabel = QLabel(StationForm)
        self.office_hoursLabel.setObjectName(u"office_hoursLabel")

        self.form.setWidget(5, QFormLayout.LabelRole, self.office_hoursLabel)

        self.office_hours = QLineEdit(StationForm)
        self.office_hours.setObjectName(u"office_hours")

        self.form.setWidget(5, QFormLayout.FieldRole, self.office_hours)

        self.phoneLabel = QLabel(StationForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(6, QFormLayout.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(StationForm)
        self.phone.setObjectName(u"phone")

        self.form.setWidget(6, QFormLayout.FieldRole, self.phone)

        self.complaint_phoneLabel = QLabel(StationForm)
        self.complaint_phoneLabel.setObjectName(u"complaint_phoneLabel")

        self.form.setWidget(7, QFormLayout.LabelRole, self.complaint_phoneLabel)

        self.complaint_phone = QLineEdit(StationForm)
        self.complaint_phone.setObjectName(u"complaint_phone")

        self.form.setWidget(7, QFormLayout.FieldRole, self.complaint_phone)

        self.emailLabel = QLabel(StationForm)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(8, QFormLayout.LabelRole, self.emailLabel)

        self.email = QLineEdit(StationForm)
        self.email.setObjectName(u"email")

        self.form.setWidget(8, QFormLayout.FieldRole, self.email)


        self.rootLayout.addLayout(self.form)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.org_codeLabel.setBuddy(self.org_code)
        self.levelLabel.setBuddy(self.level)
        self.parent_unitLabel.setBuddy(self.parent_unit)
        self.addressLabel.setBuddy(self.address)
        self.office_hoursLabel.setBuddy(self.office_hours)
        self.phoneLabel.setBuddy(self.phone)
        self.complaint_phoneLabel.setBuddy(self.complaint_phone)
        self.emailLabel.setBuddy(self.email)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(StationForm)

        QMetaObject.connectSlotsByName(StationForm)
    # setupUi

    def retranslateUi(self, StationForm):
        self.intro.setText(QCoreApplication.translate("StationForm", u"\u8fd9\u4e9b\u4fe1\u606f\u4f1a\u5370\u5728\u516c\u5f00\u680f\u548c\u62a5\u9001\u5305\u4e0a\u3002\u7ec4\u7ec7\u673a\u6784\u4ee3\u7801\u662f\u6bcf\u4e2a\u7d22\u5f15\u53f7\u7684\u524d\u6bb5\u7801\uff0c\u5efa\u7acb\u540e\u4e0d\u80fd\u4fee\u6539\u3002", None))
        self.nameLabel.setText(QCoreApplication.translate("StationForm", u"\u5355\u4f4d\u540d\u79f0\uff1a", None))
        self.name.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u4f8b\u5982 \u793a\u8303\u5e02\u516c\u5b89\u5c40\u57ce\u5173\u6d3e\u51fa\u6240", None))
        self.org_codeLabel.setText(QCoreApplication.translate("StationForm", u"\u7ec4\u7ec7\u673a\u6784\u4ee3\u7801\uff1a", None))
        self.org_code.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u7d22\u5f15\u53f7\u524d\u6bb5\u7801\uff0c\u4f8b\u5982 000014349", None))
        self.levelLabel.setText(QCoreApplication.translate("StationForm", u"\u5355\u4f4d\u5c42\u7ea7\uff1a", None))
        self.parent_unitLabel.setText(QCoreApplication.translate("StationForm", u"\u4e0a\u7ea7\u5355\u4f4d\uff1a", None))
        self.parent_unit.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u4f8b\u5982 \u793a\u8303\u5e02\u516c\u5b89\u5c40\u57ce\u5173\u5206\u5c40", None))
        self.addressLabel.setText(QCoreApplication.translate("StationForm", u"\u529e\u516c\u5730\u5740\uff1a", None))
        self.office_hoursLabel.setText(QCoreApplication.translate("StationForm", u"\u529e\u516c\u65f6\u95f4\uff1a", None))
        self.office_hours.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u4f8b\u5982 \u5de5\u4f5c\u65e5 8:30\u201417:30", None))
        self.phoneLabel.setText(QCoreApplication.translate("StationForm", u"\u54a8\u8be2\u7535\u8bdd\uff1a", None))
        self.phone.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u4f8b\u5982 0531-86001234", None))
        self.complaint_phoneLabel.setText(QCoreApplication.translate("StationForm", u"\u76d1\u7763\u6295\u8bc9\u7535\u8bdd\uff1a", None))
        self.complaint_phone.setPlaceholderText(QCoreApplication.translate("StationForm", u"\u516c\u5f00\u680f\u4e0a\u9700\u8981", None))
        self.emailLabel.setText(QCoreApplication.translate("StationForm", u"\u7535\u5b50\u90ae\u7bb1\uff1a", None))
        pass
    # retranslateUi

