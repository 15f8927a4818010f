# GENERATED FILE - DO NOT EDIT.
# Source: ui/unlock_dialog.ui; regenerate with: python -m reviewer_app.gui.build_forms
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QProgressBar, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_UnlockDialog(object):
    def setupUi(self, UnlockDialog):
        if not UnlockDialog.objectName():
            UnlockDialog.setObjectName(u"UnlockDialog")
        UnlockDialog.resize(460, 340)
        UnlockDialog.setModal(True)
        self.mainLayout = QVBoxLayout(UnlockDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.packageLabel = QLabel(UnlockDialog)
        self.packageLabel.setObjectName(u"packageLabel")
        self.packageLabel.setWordWrap(True)
        self.packageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.packageLabel)

        self.keyGroup = QGroupBox(UnlockDialog)
        self.keyGroup.setObjectName(u"keyGroup")
        self.keyLayout = QFormLayout(self.keyGroup)
        self.keyLayout.setObjectName(u"keyLayout")
        self.modeLayout = QHBoxLayout()
        self.modeLayout.setObjectName(u"modeLayout")
        self.passphraseRadio = QRadioButton(self.keyGroup)
        self.passphraseRadio.setObjectName(u"passphraseRadio")
        self.passphraseRadio.setChecked(True)

        self.modeLayout.addWidget(self.passphraseRadio)

        self.ownKeyRadio = QRadioButton(self.keyGroup)
        self.ownKeyRadio.setObjectName(u"ownKeyRadio")

        self.modeLayout.addWidget(self.ownKeyRadio)


        self.keyLayout.setLayout(0, QFormLayout.ItemRole.SpanningRole, self.modeLayout)

        self.ownKeyInfo = QLabel(self.keyGroup)
        self.ownKeyInfo.setObjectName(u"ownKeyInfo")
        self.ownKeyInfo.setWordWrap(True)
        self.ownKeyInfo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.keyLayout.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.ownKeyInfo)

        self.passphraseLabel = QLabel(self.keyGroup)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.keyLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphraseEdit = QLineEdit(self.keyGroup)
        self.passphraseEdit.setObjectName(u"passphraseEdit")
        self.passphraseEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.keyLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passphraseEdit)


        self.mainLayout.addWidget(self.keyGroup)

        self.seatGroup = QGroupBox(UnlockDialog)
        self.seatGroup.setObjectName(u"seatGroup")
        self.seatLayout = QFormLayout(self.seatGroup)
        self.seatLayout.setObjectName(u"seatLayout")
        self.seatIdLabel = QLabel(self.seatGroup)
        self.seatIdLabel.setObjectName(u"seatIdLabel")

        self.seatLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.seatIdLabel)

        self.seatIdEdit = QLineEdit(self.seatGroup)
        self.seatIdEdit.setObjectName(u"seatIdEdit")

        self.seatLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.seatIdEdit)

        self.seatCodeLabel = QLabel(self.seatGroup)
        self.seatCodeLabel.setObjectName(u"seatCodeLabel")

        self.seatLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.seatCodeLabel)

        self.seatCodeEdit = QLineEdit(self.seatGroup)
        self.seatCodeEdit.setObjectName(u"seatCodeEdit")
        self.seatCodeEdit.setPlaceholderText(u"XXXX-XXXX-XXXX-XXXX")

        self.seatLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.seatCodeEdit)


        self.mainLayout.addWidget(self.seatGroup)

        self.hintLabel = QLabel(UnlockDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(UnlockDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b42318;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.busyBar = QProgressBar(UnlockDialog)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)

        self.mainLayout.addWidget(self.busyBar)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(UnlockDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.passphraseLabel.setBuddy(self.passphraseEdit)
        self.seatIdLabel.setBuddy(self.seatIdEdit)
        self.seatCodeLabel.setBuddy(self.seatCodeEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphraseEdit, self.seatIdEdit)
        QWidget.setTabOrder(self.seatIdEdit, self.seatCodeEdit)
        QWidget.setTabOrder(self.seatCodeEdit, self.passphraseRadio)
        QWidget.setTabOrder(self.passphraseRadio, self.ownKeyRadio)

        self.retranslateUi(UnlockDialog)

        QMetaObject.connectSlotsByName(UnlockDialog)
    # setupUi

    def retranslateUi(self, UnlockDialog):
        UnlockDialog.setWindowTitle(QCoreApplication.translate("UnlockDialog", u"Unlock review package", None))
        self.packageLabel.setText(QCoreApplication.translate("UnlockDialog", u"Package", None))
        self.keyGroup.setTitle(QCoreApplication.translate("UnlockDialog", u"Unlock with", None))
        self.passphraseRadio.setText(QCoreApplication.translate("UnlockDialog", u"Package passphrase", None))
        self.ownKeyRadio.setText(QCoreApplication.translate("UnlockDialog", u"My signing key on this computer", None))
        self.passphraseLabel.setText(QCoreApplication.translate("UnlockDialog", u"Passphrase:", None))
        self.seatGroup.setTitle(QCoreApplication.translate("UnlockDialog", u"Your seat (from your notification letter)", None))
        self.seatIdLabel.setText(QCoreApplication.translate("UnlockDialog", u"Seat ID:", None))
        self.seatCodeLabel.setText(QCoreApplication.translate("UnlockDialog", u"Seat code:", None))
    # retranslateUi

