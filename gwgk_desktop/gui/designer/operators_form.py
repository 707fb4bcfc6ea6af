# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'operators_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_OperatorsForm(object):
    def setupUi(self, OperatorsForm):
        if not OperatorsForm.objectName():
            OperatorsForm.setObjectName(u"OperatorsForm")
        OperatorsForm.setMinimumSize(QSize(520, 420))
        self.rootLayout = QVBoxLayout(OperatorsForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.operatorTable = QTableWidget(OperatorsForm)
        if (self.operatorTable.columnCount() < 4):
            self.operatorTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.operatorTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.operatorTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.operatorTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.operatorTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.operatorTable.setObjectName(u"operatorTable")
        self.operatorTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.operatorTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.operatorTable.setAlternatingRowColors(True)

        self.rootLayout.addWidget(self.operatorTable)

        self.addGroup = QGroupBox(OperatorsForm)
        self.addGroup.setObjectName(u"addGroup")
        self.addLayout = QVBoxLayout(self.addGroup)
        self.addLayout.setObjectName(u"addLayout")
        self.addForm = QFormLayout()
        self.addForm.setObjectName(u"addForm")
        self.addForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.usernameLabel = QLabel(self.addGroup)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.addForm.setWidget(0, QFormLayout.LabelRole, self.usernameLabel)

        self.username = QLineEdit(self.addGroup)
        self.username.setObjectName(u"username")

        self.addForm.setWidget(0, QFormLayout.FieldRole, self.username)

        self.display_nameLabel = QLabel(self.addGroup)
        self.display_nameLabel.setObjectName(u"display_nameLabel")

        self.addForm.setWidget(1, QFormLayout.LabelRole, self.display_nameLabel)

        self.display_name = QLineEdit(self.addGroup)
        self.display_name.setObjectName(u"display_name")

        self.addForm.setWidget(1, QFormLayout.FieldRole, self.display_name)

        self.roleLabel = QLabel(self.addGroup)
        self.roleLabel.setObjectName(u"roleLabel")

        self.addForm.setWidget(2, QFormLayout.LabelRole, self.roleLabel)

        self.role = QComboBox(self.addGroup)
        self.role.setObjectName(u"role")

        self.addForm.setWidget(2, QFormLayout.FieldRole, self.role)

        self.passwordLabel = QLabel(self.addGroup)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.addForm.setWidget(3, QFormLayout.LabelRole, self.passwordLabel)

        self.password = QLineEdit(self.addGroup)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.addForm.setWidget(3, QFormLayout.FieldRole, self.password)


        self.addLayout.addLayout(self.addForm)

        self.errorLabel = QLabel(self.addGroup)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.addLayout.addWidget(self.errorLabel)

        self.addButtons = QHBoxLayout()
        self.addButtons.setObjectName(u"addButtons")
        self.addSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.addButtons.addItem(self.addSpacer)

        self.addButton = QPushButton(self.addGroup)
        self.addButton.setObjectName(u"addButton")

        self.addButtons.addWidget(self.addButton)


        self.addLayout.addLayout(self.addButtons)


        self.rootLayout.addWidget(self.addGroup)

        self.buttons = QDialogButtonBox(OperatorsForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.rootLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.display_nameLabel.setBuddy(self.display_name)
        self.roleLabel.setBuddy(self.role)
        self.passwordLabel.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OperatorsForm)

        QMetaObject.connectSlotsByName(OperatorsForm)
    # setupUi

    def retranslateUi(self, OperatorsForm):
        ___qtablewidgetitem = self.operatorTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("OperatorsForm", u"\u767b\u5f55\u540d", None));
        ___qtablewidgetitem1 = self.operatorTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("OperatorsForm", u"\u59d3\u540d", None));
        ___qtablewidgetitem2 = self.operatorTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("OperatorsForm", u"\u89d2\u8272", None));
        ___qtablewidgetitem3 = self.operatorTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("OperatorsForm", u"\u72b6\u6001", None));
        self.addGroup.setTitle(QCoreApplication.translate("OperatorsForm", u"\u6dfb\u52a0\u64cd\u4f5c\u5458", None))
        self.usernameLabel.setText(QCoreApplication.translate("OperatorsForm", u"\u767b\u5f55\u540d\uff1a", None))
        self.display_nameLabel.setText(QCoreApplication.translate("OperatorsForm", u"\u59d3\u540d\uff1a", None))
        self.roleLabel.setText(QCoreApplication.translate("OperatorsForm", u"\u89d2\u8272\uff1a", None))
        self.passwordLabel.setText(QCoreApplication.translate("OperatorsForm", u"\u521d\u59cb\u5bc6\u7801\uff1a", None))
        self.errorLabel.setText("")
        self.addButton.setText(QCoreApplication.translate("OperatorsForm", u"\u6dfb\u52a0", None))
        pass
    # retranslateUi

