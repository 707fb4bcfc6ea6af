# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'admin_form.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_AdminForm(object):
    def setupUi(self, AdminForm):
        if not AdminForm.objectName():
            AdminForm.setObjectName(u"AdminForm")
        self.rootLayout = QVBoxLayout(AdminForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.intro = QLabel(AdminForm)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.rootLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.usernameLabel = QLabel(AdminForm)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.usernameLabel)

        self.username = QLineEdit(AdminForm)
        self.username.setObjectName(u"username")

        self.form.setWidget(0, QFormLayout.FieldRole, self.username)

        self.display_nameLabel = QLabel(AdminForm)
        self.display_nameLabel.setObjectName(u"display_nameLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.display_nameLabel)

        self.display_name = QLineEdit(AdminForm)
        self.display_name.setObjectName(u"display_name")

        self.form.setWidget(1, QFormLayout.FieldRole, self.display_name)

        self.passwordLabel = QLabel(AdminForm)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.passwordLabel)

        self.password = QLineEdit(AdminForm)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.FieldRole, self.password)

        self.password_againLabel = QLabel(AdminForm)
        self.password_againLabel.setObjectName(u"password_againLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.password_againLabel)

        self.password_again = QLineEdit(AdminForm)
        self.password_again.setObjectName(u"password_again")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(3, QFormLayout.FieldRole, self.password_again)


        self.rootLayout.addLayout(self.form)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.display_nameLabel.setBuddy(self.display_name)
        self.passwordLabel.setBuddy(self.password)
        self.password_againLabel.setBuddy(self.password_again)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AdminForm)

        QMetaObject.connectSlotsByName(AdminForm)
    # setupUi

    def retranslateUi(self, AdminForm):
        self.intro.setText(QCoreApplication.translate("AdminForm", u"\u7b2c\u4e00\u4f4d\u64cd\u4f5c\u5458\u662f\u7ba1\u7406\u5458\uff1a\u53ef\u4ee5\u6dfb\u52a0\u5f55\u5165\u5458\u548c\u5ba1\u6838\u4eba\u3001\u4fee\u6539\u5355\u4f4d\u4fe1\u606f\u3002\u8bf7\u7262\u8bb0\u5bc6\u7801\u3002", None))
        self.usernameLabel.setText(QCoreApplication.translate("AdminForm", u"\u767b\u5f55\u540d\uff1a", None))
        self.username.setPlaceholderText(QCoreApplication.translate("AdminForm", u"2\u523032\u4f4d\u82f1\u6587\u5b57\u6bcd\u3001\u6570\u5b57\u3001\u4e0b\u5212\u7ebf", None))
        self.display_nameLabel.setText(QCoreApplication.translate("AdminForm", u"\u59d3\u540d\uff1a", None))
        self.passwordLabel.setText(QCoreApplication.translate("AdminForm", u"\u5bc6\u7801\uff1a", None))
        self.password_againLabel.setText(QCoreApplication.translate("AdminForm", u"\u518d\u6b21\u8f93\u5165\u5bc6\u7801\uff1a", None))
        pass
    # retranslateUi

